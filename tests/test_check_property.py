"""Property: whatever an officer (or a broken editor) saves, the check answers, it never crashes.

Every input gives either a valid story or at least one error for that file, with a line inside
the file, and every message can be printed in both languages and as JSON. Examples are
derandomised so the suite is deterministic; raise `max_examples` locally to search harder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import VALID_FRONT_MATTER, SiteProject, make_project, run_check
from generator.core.errors import Problem, format_problems
from generator.validate.project import load_project
from generator.core.settings import Settings
from generator.validate.schema import AWARD_KEYS, IMAGE_KEYS, KNOWN_KEYS
from generator.load.vocabulary import load_vocabulary

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

JUNK_KEYS = ["moverment", "titel", "Title", "tiêu đề", "src", "year", "ảnh", "", "1", "null", "true", "- title", "<<"]
KEYS = st.sampled_from(list(KNOWN_KEYS) + JUNK_KEYS)
NASTY = st.sampled_from([
    "", "~", "null", "yes", "no", "on", "2023-05-19", "2023-13-45", "31/02/2023", "19/5/2023",
    "ngày 19 tháng 5 năm 2023", "cá nhân", "tập thể", "Huyện Bình Sơn", "Quảng Ngãi", "Sơn Tinh",
    "nominee", "draft", "published", "true", "1e3", "0x1F", ".inf", "&a", "*a", "&a [*a]",
    "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!foo x", "!!str", "|", ">-",
    "[", "]", "{", "}", "'", '"', "#", "---", "...", "@", "`", "%YAML 1.1", ": ", "- ", "\t", "?",
    "[Nông dân sản xuất, kinh doanh giỏi]", "anh/bia.jpg", "../../../etc/passwd", "/etc/passwd",
    "https://example.com/a.jpg", "anh\x00bia.jpg", "a" * 300 + ".jpg", "Ông_Hòa", "ong-hoa",
    "\u00ad", "\ufeff", "\u200b", "\x85", "\u2028",
])  # fmt: skip
SCALAR = st.one_of(NASTY, st.text(max_size=25), *(st.just(v) for v in VALID_FRONT_MATTER.values()))  # type: ignore[arg-type]


@st.composite
def yamlish_line(draw: st.DrawFn) -> str:
    """One line that looks like front matter and may be broken in any of the usual ways."""
    indent = draw(st.sampled_from(["", "", "", " ", "  ", "    ", "\t", " \t", "- ", "  - "]))
    key = draw(KEYS)
    sep = draw(st.sampled_from([": ", ": ", ":", " : ", " ", ":  ", ": &x ", ": *x ", ": !!str "]))
    value = draw(
        st.one_of(
            SCALAR,
            SCALAR.map(lambda s: '"' + s + '"'),
            SCALAR.map(lambda s: "'" + s + "'"),
            st.lists(SCALAR, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
            st.lists(SCALAR, max_size=3).map(lambda xs: "{" + ", ".join(f"{x}: {x}" for x in xs) + "}"),
        )
    )
    return indent + key + sep + value


@st.composite
def yamlish_story(draw: st.DrawFn) -> str:
    opening = draw(st.sampled_from(["---\n", "---\n", "---\r\n", "\ufeff---\n", "--- \n", "", "\n\n---\n", "----\n"]))
    closing = draw(st.sampled_from(["---\n", "---\n", "...\n", "", "--- \n", "---"]))
    lines = draw(st.lists(yamlish_line(), max_size=12))
    body = draw(st.sampled_from(["", "Nội dung.\n", "---\n", "\x00", "# Tiêu đề\n\n---\nkhóa: x\n"]))
    return opening + "\n".join(lines) + ("\n" if lines else "") + closing + body


def _values(children: st.SearchStrategy) -> st.SearchStrategy:
    sub_keys = st.sampled_from([*IMAGE_KEYS, *AWARD_KEYS, "nam", "quyet_dinh", "x"]) | st.text(max_size=6)
    return st.lists(children, max_size=3) | st.dictionaries(sub_keys, children, max_size=3)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 3000) | st.floats(allow_nan=True) | st.dates() | SCALAR,
    _values,
    max_leaves=8,
)
STRUCTURED = st.dictionaries(KEYS, VALUES, max_size=14)


# A valid story with a few fields replaced: reaches the checks behind the first error.
MUTATED = st.builds(
    lambda changes, dropped: {k: v for k, v in {**VALID_FRONT_MATTER, **changes}.items() if k not in dropped},
    st.dictionaries(KEYS, VALUES, max_size=4),
    st.sets(st.sampled_from(list(VALID_FRONT_MATTER)), max_size=2),
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteProject:
    # One project for every example (hypothesis does not reset function-scoped fixtures).
    return make_project(tmp_path_factory.mktemp("property") / "site")


def _check_one(site: SiteProject, content: bytes) -> None:
    path = site.stories / "bai.md"
    path.write_bytes(content)
    project = load_project(Settings(root=site.root), cwd=site.root)
    # YAML also breaks lines at \r, NEL and U+2028/9; be generous, the point is "inside the file".
    lines = len(content.replace(b"\r", b"\n").replace(b"\xc2\x85", b"\n").replace(b"\xe2\x80\xa8", b"\n").split(b"\n"))
    for problem in project.problems:
        assert isinstance(problem, Problem)
        assert problem.path == "exemplars/bai.md", problem
        assert 1 <= problem.line <= lines + 1, problem
        for lang in ("vi", "en"):
            assert problem.message(lang).strip()
    json.loads(format_problems(project.problems, "en", "json"))
    format_problems(project.problems, "vi", "github")
    if project.errors:
        assert project.stories == ()
    else:
        assert len(project.stories) == 1
        story = project.stories[0]
        assert story.title and story.slug and story.movements


@PROPERTY
@given(text=yamlish_story())
def test_yamlish_front_matter_never_raises(site: SiteProject, text: str) -> None:
    _check_one(site, text.encode("utf-8", "surrogatepass"))


@PROPERTY
@given(data=st.one_of(STRUCTURED, MUTATED), body=st.text(max_size=40))
def test_arbitrary_yaml_values_never_raise(site: SiteProject, data: dict, body: str) -> None:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    _check_one(site, ("---\n" + front + "---\n" + body).encode("utf-8", "surrogatepass"))


@PROPERTY
@given(raw=st.binary(max_size=400), fenced=st.booleans())
def test_arbitrary_bytes_never_raise(site: SiteProject, raw: bytes, fenced: bool) -> None:
    _check_one(site, b"---\n" + raw + b"\n---\n" if fenced else raw)


@settings(max_examples=50, deadline=None, derandomize=True, database=None)
@given(text=yamlish_story())
def test_cli_never_shows_a_traceback(site: SiteProject, text: str) -> None:
    (site.stories / "bai.md").write_bytes(text.encode("utf-8", "surrogatepass"))
    result = run_check(site.root, "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1)
    json.loads(result.stdout or '{"problems": []}')


@PROPERTY
@given(text=st.one_of(yamlish_story(), st.lists(yamlish_line(), max_size=10).map("\n".join)))
def test_vocabulary_files_never_raise(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = Path(tmp_path_factory.getbasetemp()) / "vocab-property"
    folder.mkdir(exist_ok=True)
    (folder / "districts.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    vocabulary, problems = load_vocabulary(folder, folder.parent)
    for problem in problems:
        assert problem.path == "vocab-property/districts.yml"
        assert problem.line >= 1
        assert problem.message("vi") and problem.message("en")
    assert len(vocabulary.movements.terms) == 14
