"""Generate a realistic corpus of N valid stories for benchmarks and scale tests.

Stories use the default vocabularies (every movement, field and unit, the former districts before
1 July 2025 and the communes after it, written `district:` and `locality:` as officers did then),
dates over 2021-2025, Vietnamese titles and bodies of typical length. Deterministic for a given seed.

    python benchmarks/corpus.py --n 1000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from generator.core.text import slugify
from generator.load.vocabulary import load_vocabulary

GIVEN = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Đức", "Quang", "Thu", "Hồng", "Xuân", "Kim"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
NAMES = ["Tám", "Hòa", "Lan", "Dũng", "Hùng", "Mai", "Sương", "Thủy", "Khỏe", "Đạt", "Nghĩa", "Phúc", "Tâm"]
PLACES = ["thôn Phú Long", "thôn An Điềm", "xóm Gò Cát", "thôn Trà Xuân", "tổ dân phố 3", "thôn Đông Yên"]
DEEDS = [
    "hiến đất làm đường giao thông nông thôn",
    "phát triển mô hình trồng keo kết hợp chăn nuôi bò",
    "đổi mới phương pháp dạy học theo hướng phát triển năng lực",
    "ứng dụng chuyển đổi số trong giải quyết thủ tục hành chính",
    "giúp đỡ hộ nghèo vươn lên thoát nghèo bền vững",
    "tham gia bảo vệ an ninh trật tự ở khu dân cư",
    "nuôi trồng thủy sản theo hướng hữu cơ",
    "sáng kiến cải tiến kỹ thuật trong sản xuất",
]
PARAGRAPH = (
    "Trong những năm qua, {subject} luôn đi đầu trong phong trào {movement}. Với tinh thần trách nhiệm "
    "và lòng nhiệt tình, {subject} đã {deed}, góp phần thay đổi diện mạo quê hương {place}. "
    "Cách làm sáng tạo, hiệu quả ấy được chính quyền và Nhân dân ghi nhận, trở thành tấm gương để mọi "
    "người học tập và làm theo."
)
KINDS = ["tập thể", "cá nhân", "hộ gia đình"]
END_OF_DISTRICTS = dt.date(2025, 6, 30)


def story_text(rng: random.Random, index: int, vocabulary) -> tuple[str, str]:
    """(year folder, front matter + body) of story number `index`."""
    kind = KINDS[index % 3]
    person = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {rng.choice(NAMES)}"
    subject = {"tập thể": f"Hợp tác xã {rng.choice(NAMES)} {index}", "cá nhân": f"Ông {person}",
               "hộ gia đình": f"Hộ gia đình ông {person}"}[kind]  # fmt: skip
    date = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
    movements = vocabulary.movements.terms
    movement = movements[index % len(movements)]
    places = [p for p in vocabulary.localities.terms if p.level != "province" and p.valid_at(date)]
    place_term = places[index % len(places)]
    unit = vocabulary.units.by_id.get(f"ubnd-{place_term.id}")
    if unit is None or not unit.valid_at(date):
        unit = rng.choice([u for u in vocabulary.units.terms if u.type != "locality" and u.valid_at(date)])
    place_key = "district" if date <= END_OF_DISTRICTS else "locality"
    field = vocabulary.fields.terms[index % len(vocabulary.fields.terms)]
    deed = rng.choice(DEEDS)
    place = rng.choice(PLACES)
    title = f"{subject}: tấm gương {deed} ({index})"
    paragraphs = [
        PARAGRAPH.format(subject=subject, movement=movement.name, deed=rng.choice(DEEDS), place=place) for _ in range(4)
    ]
    body = f"{paragraphs[0]}\n\n## Những việc làm thiết thực\n\n{paragraphs[1]}\n\n{paragraphs[2]}\n\n## Lan tỏa\n\n{paragraphs[3]}\n"
    front = "\n".join(
        [
            "---",
            f'title: "{title}"',
            f'subject: "{subject}"',
            f"kind: {kind}",
            f'movement: "{movement.name}"',
            f'field: "{field.name}"',
            f'unit: "{unit.name}"',
            f'{place_key}: "{place_term.name}"',
            f"date: {date.day}/{date.month}/{date.year}",
            f'summary: "{subject} {deed}, được Nhân dân {place} ghi nhận."',
            f"slug: {slugify(title, 60)}-{index}",
            "---",
        ]
    )
    return str(date.year), f"{front}\n{body}"


def write_corpus(out: Path, n: int, seed: int = 1) -> Path:
    """Write `n` stories under `out/exemplars/<year>/`; returns `out`."""
    vocabulary, _ = load_vocabulary()
    rng = random.Random(seed)
    for index in range(n):
        year, text = story_text(rng, index, vocabulary)
        folder = out / "exemplars" / year
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"bai-{index:05d}.md").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
