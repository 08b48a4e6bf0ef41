"""Every message an officer can read, in Vietnamese (default) and English (`--lang en`).

One table keyed by a stable code, so that tests, `--format json` and the officers' guide
(`content/huong-dan/`) can name a message without depending on its wording. Each message says
what is wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["MESSAGES", "axis_code", "render"]

GUIDE = "xem content/huong-dan/loi-thuong-gap.md"
GUIDE_EN = "see content/huong-dan/loi-thuong-gap.md"

# code: (Vietnamese, English). Placeholders are str.format fields.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- the file itself -------------------------------------------------------------------
    "file.empty": (
        "tệp rỗng. Mỗi bài viết bắt đầu bằng phần khai báo giữa hai dòng \"---\" ({guide}).",
        "the file is empty. A story starts with front matter between two \"---\" lines ({guide}).",
    ),
    "file.binary": (
        "tệp không phải văn bản (có byte NUL). Bài viết phải là tệp Markdown (.md) dạng văn bản.",
        "the file is not text (it contains NUL bytes). A story must be a plain-text Markdown file.",
    ),
    "file.not_utf8": (
        "tệp không được lưu bằng bảng mã UTF-8 (byte lạ 0x{byte} ở dòng này). Có thể tệp dùng bảng mã cũ "
        "TCVN3 (ABC), VNI hoặc Windows-1258: mở bằng Unikey → Công cụ chuyển mã, chuyển sang \"Unicode\", "
        "rồi lưu lại với bảng mã UTF-8.",
        "the file is not UTF-8 (unexpected byte 0x{byte} on this line). It may use a legacy encoding "
        "(TCVN3/ABC, VNI or Windows-1258): convert it to Unicode (e.g. with Unikey's converter) and save as UTF-8.",
    ),
    "file.utf16": (
        "tệp được lưu bằng bảng mã UTF-16 (\"Unicode\" của Notepad). Hãy lưu lại với bảng mã UTF-8.",
        "the file is saved as UTF-16 (Notepad's \"Unicode\"). Save it again as UTF-8.",
    ),
    "file.unreadable": (
        "không đọc được tệp ({reason}). Kiểm tra quyền đọc của tệp.",
        "the file cannot be read ({reason}). Check its permissions.",
    ),
    "file.not_a_file": (
        "\"{name}\" là một thư mục chứ không phải tệp bài viết. Hãy đổi tên thư mục (bỏ đuôi .md).",
        "\"{name}\" is a folder, not a story file. Rename the folder (drop the .md suffix).",
    ),
    "file.outside": (
        "tệp là liên kết (symlink) trỏ ra ngoài kho dữ liệu. Hãy chép bài viết vào thư mục exemplars/.",
        "the file is a symlink pointing outside the repository. Copy the story into exemplars/ instead.",
    ),
    "frontmatter.missing": (
        "thiếu phần khai báo ở đầu tệp. Dòng đầu tiên phải là \"---\", sau đó các dòng \"khóa: giá trị\", "
        "rồi một dòng \"---\" nữa ({guide}).",
        "the front matter is missing. The first line must be \"---\", then \"key: value\" lines, then "
        "another \"---\" line ({guide}).",
    ),
    "frontmatter.unclosed": (
        "phần khai báo mở bằng \"---\" ở dòng {line} nhưng không có dòng \"---\" đóng lại.",
        "the front matter opened with \"---\" on line {line} is never closed by another \"---\" line.",
    ),
    "frontmatter.not_mapping": (
        "phần khai báo phải gồm các dòng \"khóa: giá trị\" (ví dụ \"title: ...\"), không phải {kind}.",
        "the front matter must be \"key: value\" lines (e.g. \"title: ...\"), not {kind}.",
    ),
    "frontmatter.tab": (
        "dòng này thụt lề bằng phím Tab; phần khai báo (YAML) chỉ chấp nhận dấu cách. Thay Tab bằng dấu cách.",
        "this line is indented with a tab; front matter (YAML) accepts spaces only. Replace the tab with spaces.",
    ),
    # -- YAML ------------------------------------------------------------------------------
    "yaml.syntax": (
        "lỗi cú pháp trong phần khai báo ({problem}). Kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề.",
        "syntax error in the front matter ({problem}). Check colons, quotes and indentation.",
    ),
    "yaml.colon": (
        "giá trị có dấu hai chấm (:) ở chỗ không được phép. Nếu giá trị chứa dấu hai chấm, hãy đặt cả giá "
        "trị trong dấu ngoặc kép, ví dụ: title: \"Ông A: 30 năm giữ rừng\".",
        "a colon (:) where it is not allowed. If the value contains a colon, put the whole value in double "
        "quotes, e.g. title: \"Ông A: 30 năm giữ rừng\".",
    ),
    "yaml.unclosed_quote": (
        "dấu ngoặc kép (hoặc ngoặc vuông, ngoặc nhọn) mở ở đây nhưng không được đóng lại.",
        "a quote (or bracket, or brace) opened here is never closed.",
    ),
    "yaml.indent": (
        "thụt lề không đều: các khóa cùng cấp phải thẳng cột, các mục danh sách bắt đầu bằng \"- \".",
        "inconsistent indentation: keys at the same level must line up, list items start with \"- \".",
    ),
    "yaml.missing_colon": (
        "thiếu dấu hai chấm sau tên khóa. Mỗi dòng có dạng \"khóa: giá trị\".",
        "a colon is missing after the key. Each line reads \"key: value\".",
    ),
    "yaml.too_deep": (
        "phần khai báo lồng nhau quá sâu (hơn {depth} cấp).",
        "the front matter is nested too deeply (more than {depth} levels).",
    ),
    "yaml.alias": (
        "không dùng neo và tham chiếu YAML (&tên, *tên) trong phần khai báo; hãy viết lại giá trị đầy đủ.",
        "YAML anchors and aliases (&name, *name) are not allowed in front matter; write the value out.",
    ),
    "yaml.tag": (
        "thẻ YAML \"{tag}\" không được phép (vì lý do an toàn). Hãy xóa thẻ và chỉ ghi giá trị.",
        "the YAML tag \"{tag}\" is not allowed (for safety). Remove the tag and write the plain value.",
    ),
    "yaml.complex_key": (
        "tên khóa phải là một từ đơn giản như \"title\" hoặc \"date\".",
        "keys must be simple words such as \"title\" or \"date\".",
    ),
    "yaml.duplicate_key": (
        "khóa \"{key}\" bị khai báo hai lần (lần đầu ở dòng {first}). Hãy giữ lại một.",
        "the key \"{key}\" is given twice (first on line {first}). Keep one.",
    ),
    # -- keys and values -------------------------------------------------------------------
    "key.unknown": (
        "khóa \"{key}\" không hợp lệ.{suggestion} Các khóa được dùng: {allowed}.",
        "unknown key \"{key}\".{suggestion} Allowed keys: {allowed}.",
    ),
    "field.required": (
        "thiếu trường bắt buộc \"{key}\" ({label}).",
        "the required field \"{key}\" ({label}) is missing.",
    ),
    "field.empty": (
        "trường \"{key}\" ({label}) đang để trống.",
        "the field \"{key}\" ({label}) is empty.",
    ),
    "field.not_text": (
        "trường \"{key}\" ({label}) phải là một dòng chữ, không phải {kind}.",
        "the field \"{key}\" ({label}) must be text, not {kind}.",
    ),
    "field.not_list": (
        "trường \"{key}\" ({label}) phải là một danh sách (mỗi mục một dòng bắt đầu bằng \"- \").",
        "the field \"{key}\" ({label}) must be a list (one \"- \" line per item).",
    ),
    "field.not_bool": (
        "trường \"{key}\" ({label}) chỉ nhận true hoặc false, không phải \"{value}\".",
        "the field \"{key}\" ({label}) takes true or false, not \"{value}\".",
    ),
    "field.choice": (
        "{label} \"{value}\" không hợp lệ.{suggestion} Chọn một trong: {allowed}.",
        "{label} \"{value}\" is not valid.{suggestion} Choose one of: {allowed}.",
    ),
    "date.format": (
        "{label} \"{value}\" không đúng dạng. Viết ngày theo dạng 19/05/2023 hoặc 2023-05-19.",
        "{label} \"{value}\" is not a date. Write it as 19/05/2023 or 2023-05-19.",
    ),
    "date.impossible": (
        "{label} \"{value}\" không tồn tại (ngày {day} tháng {month} năm {year}). Kiểm tra lại ngày và tháng.",
        "{label} \"{value}\" does not exist (day {day}, month {month}, year {year}). Check day and month.",
    ),
    "date.range": (
        "{label} \"{value}\" nằm ngoài khoảng hợp lý ({first}–{last}).",
        "{label} \"{value}\" is outside the plausible range ({first}–{last}).",
    ),
    "vocab.unknown": (
        "{label} \"{value}\" không có trong danh mục.{suggestion} Xem danh mục bằng lệnh: exemplars vocab {axis}",
        "{label} \"{value}\" is not in the vocabulary.{suggestion} List the values with: exemplars vocab {axis}",
    ),
    "vocab.ambiguous": (
        "{label} \"{value}\" chưa rõ: có thể là {candidates}. Hãy ghi đầy đủ tên.",
        "{label} \"{value}\" is ambiguous: it may be {candidates}. Write the full name.",
    ),
    "locality.expired": (
        "địa bàn \"{name}\" chỉ tồn tại đến ngày {until}, nhưng bài viết ghi ngày {date}. "
        "Hãy ghi địa bàn hiện nay của nơi được nêu gương: {successors}.",
        "the locality \"{name}\" existed until {until}, but the story is dated {date}. "
        "Write today's locality of the place: {successors}.",
    ),
    "locality.not_yet": (
        "địa bàn \"{name}\" chỉ có từ ngày {since}, nhưng bài viết ghi ngày {date}.{before}",
        "the locality \"{name}\" exists from {since}, but the story is dated {date}.{before}",
    ),
    "unit.expired": (
        "đơn vị \"{name}\" chỉ tồn tại đến ngày {until}, nhưng bài viết ghi ngày {date}. "
        "Hãy ghi đơn vị hiện hành: {successors} (xem: exemplars vocab units --at {date_iso}).",
        "the unit \"{name}\" existed until {until}, but the story is dated {date}. "
        "Write the current unit: {successors} (see: exemplars vocab units --at {date_iso}).",
    ),
    "unit.not_yet": (
        "đơn vị \"{name}\" chỉ có từ ngày {since}, nhưng bài viết ghi ngày {date}.{before}",
        "the unit \"{name}\" exists from {since}, but the story is dated {date}.{before}",
    ),
    "key.both": (
        "bài viết ghi cả \"{former}\" và \"{current}\" (hai tên của cùng một khóa); chỉ giữ \"{current}\".",
        "the story has both \"{former}\" and \"{current}\" (two names of the same key); keep only \"{current}\".",
    ),
    "story.too_large": (
        "{what} quá dài ({size}, thường không quá {limit}); có thể đã dán nhầm cả văn bản. Hãy kiểm tra lại.",
        "the {what} is unusually long ({size}, usually at most {limit}); perhaps a whole document was pasted.",
    ),
    "movement.comma": (
        "tên phong trào \"{name}\" có dấu phẩy nên bị tách đôi trong dấu [ ]. Hãy đặt tên trong dấu ngoặc kép: "
        "[\"{name}\"], hoặc viết mỗi phong trào trên một dòng bắt đầu bằng \"- \".",
        "the movement name \"{name}\" contains a comma, so [ ] splits it. Quote it: [\"{name}\"], or write "
        "one movement per \"- \" line.",
    ),
    "movement.duplicate": (
        "phong trào \"{name}\" được ghi hai lần; chỉ tính một lần.",
        "the movement \"{name}\" is listed twice; it counts once.",
    ),
    # The same for any axis whose own code (above) the catalogue does not have: `{label}` names it.
    "term.comma": (
        "tên {label} \"{name}\" có dấu phẩy nên bị tách đôi trong dấu [ ]. Hãy đặt tên trong dấu ngoặc kép: "
        "[\"{name}\"], hoặc viết mỗi tên trên một dòng bắt đầu bằng \"- \".",
        "the {label} name \"{name}\" contains a comma, so [ ] splits it. Quote it: [\"{name}\"], or write "
        "each name on its own line starting with \"- \".",
    ),
    "term.duplicate": (
        "{label} \"{name}\" được ghi hai lần; chỉ tính một lần.",
        "the {label} \"{name}\" is listed twice; it counts once.",
    ),
    "term.expired": (
        "{label} \"{name}\" chỉ tồn tại đến ngày {until}, nhưng bài viết ghi ngày {date}. "
        "Hãy dùng mục kế thừa: {successors}.",
        "the {label} \"{name}\" existed until {until}, but the story is dated {date}. "
        "Use its successor: {successors}.",
    ),
    "term.not_yet": (
        "{label} \"{name}\" chỉ có từ ngày {since}, nhưng bài viết ghi ngày {date}.{before}",
        "the {label} \"{name}\" exists from {since}, but the story is dated {date}.{before}",
    ),
    "slug.invalid": (
        "đường dẫn (slug) \"{value}\" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang, "
        "ví dụ \"ong-nguyen-van-a\".",
        "the slug \"{value}\" may only contain lowercase ASCII letters, digits and hyphens, "
        "e.g. \"ong-nguyen-van-a\".",
    ),
    "slug.empty": (
        "không tạo được đường dẫn từ tiêu đề \"{title}\"; hãy thêm khóa \"slug:\" (ví dụ slug: ten-bai-viet).",
        "no slug can be made from the title \"{title}\"; add a \"slug:\" key (e.g. slug: story-name).",
    ),
    "slug.duplicate": (
        "đường dẫn (slug) \"{slug}\" trùng với bài {other}. Hãy đặt \"slug:\" khác cho một trong hai bài.",
        "the slug \"{slug}\" is also used by {other}. Give one of the two stories another \"slug:\".",
    ),
    "image.missing": (
        "không tìm thấy ảnh \"{src}\" (đã tìm ở {resolved}). Đường dẫn ảnh tính từ thư mục chứa bài viết.",
        "the image \"{src}\" was not found (looked at {resolved}). Image paths are relative to the story's folder.",
    ),
    "image.outside": (
        "ảnh \"{src}\" nằm ngoài kho dữ liệu. Hãy chép ảnh vào cùng thư mục với bài viết.",
        "the image \"{src}\" is outside the repository. Copy it next to the story.",
    ),
    "image.alt_missing": (
        "ảnh \"{src}\" chưa có mô tả (alt). Người khiếm thị dùng trình đọc màn hình cần mô tả này: "
        "{how}",
        "the image \"{src}\" has no text alternative (alt), which screen-reader users need: {how}",
    ),
    "image.not_image": (
        "tệp \"{src}\" không phải là ảnh (JPEG, PNG, WebP hoặc HEIC) dù mang đuôi ảnh. Hãy chép lại ảnh gốc.",
        "\"{src}\" is not an image (JPEG, PNG, WebP or HEIC) despite its name. Copy the original photo again.",
    ),
    "image.corrupt": (
        "ảnh \"{src}\" bị hỏng hoặc chép chưa hết, không đọc được ({detail}). Hãy chép lại ảnh gốc.",
        "the image \"{src}\" is damaged or incomplete and cannot be read ({detail}). Copy the original again.",
    ),
    "image.too_large": (
        "ảnh \"{src}\" quá lớn ({megapixels} megapixel, giới hạn {limit}). Hãy thu nhỏ ảnh trước khi đưa lên.",
        "the image \"{src}\" is too large ({megapixels} megapixels, limit {limit}). Resize it before uploading.",
    ),
    "image.reference": (
        "ảnh \"{src}\" viết theo kiểu tham chiếu ![...][...]; hãy viết trực tiếp: ![mô tả ảnh](ten-anh.jpg).",
        "the image \"{src}\" uses reference syntax ![...][...]; write it inline: ![description](photo.jpg).",
    ),
    "media.missing": (
        "không tìm thấy tệp {kind} \"{src}\" (đã tìm ở {resolved}). Hãy chép tệp vào cùng thư mục với bài viết "
        "(đường dẫn tính từ thư mục chứa bài).",
        "the {kind} file \"{src}\" was not found (looked at {resolved}). Copy it next to the story "
        "(paths are relative to the story's folder).",
    ),
    "media.outside": (
        "tệp \"{src}\" nằm ngoài kho dữ liệu. Hãy chép tệp vào cùng thư mục với bài viết; video trên trang khác "
        "thì dán địa chỉ hoặc mã nhúng của video.",
        "the file \"{src}\" is outside the repository. Copy it next to the story; for a video on another site "
        "paste its address or embed code.",
    ),
    "media.too_large": (
        "tệp {kind} \"{src}\" nặng {size} MB, quá giới hạn {limit} MB (media: {option} trong mkdocs.yml). "
        "Hãy nén lại hoặc cắt ngắn; video dài thì đăng lên kênh của đài rồi dán địa chỉ vào bài.",
        "the {kind} file \"{src}\" is {size} MB, over the {limit} MB limit (media: {option} in mkdocs.yml). "
        "Compress or shorten it; post a long video on the station's channel and paste its address instead.",
    ),
    "media.corrupt": (
        "tệp \"{src}\" bị hỏng hoặc không đúng định dạng ({detail}), trình duyệt không phát được. "
        "Hãy xuất lại tệp dạng MP4 (H.264), WebM, MP3 hoặc M4A.",
        "the file \"{src}\" is damaged or not in its format ({detail}); browsers cannot play it. "
        "Export it again as MP4 (H.264), WebM, MP3 or M4A.",
    ),
    "media.alt_missing": (
        "{kind} \"{src}\" chưa có mô tả. Viết mô tả trong ngoặc vuông: ![Phóng sự về mô hình nuôi tôm]({src}).",
        "the {kind} \"{src}\" has no description. Write it in the brackets: ![Report on the shrimp farm]({src}).",
    ),
    "media.captions_missing": (
        "video \"{src}\" chưa có phụ đề cho người khiếm thính: đặt tệp phụ đề \"{vtt}\" (WebVTT) cạnh video, "
        "hoặc chép lời thoại vào bài dưới tiêu đề \"## Lời thoại\".",
        "the video \"{src}\" has no captions for deaf readers: put the captions file \"{vtt}\" (WebVTT) next to it, "
        "or write the transcript in the story under a heading \"## Lời thoại\".",
    ),
    "media.transcript_missing": (
        "âm thanh \"{src}\" chưa có lời thoại cho người khiếm thính: chép nội dung vào bài dưới tiêu đề "
        "\"## Lời thoại\".",
        "the audio \"{src}\" has no transcript for deaf readers: write it in the story under a heading "
        "\"## Lời thoại\".",
    ),
    "media.host": (
        "video từ \"{src}\" không đăng được: trang này không có trong danh sách video_hosts của mkdocs.yml "
        "(đang cho phép: {hosts}). Hãy dùng video của kênh được phép, tải tệp video lên cạnh bài, hoặc nhờ quản trị "
        "thêm trang này vào video_hosts.",
        "the video from \"{src}\" cannot be published: its host is not in video_hosts in mkdocs.yml "
        "(allowed: {hosts}). Use a video of an allowed channel, upload the file next to the story, or ask the "
        "administrator to add the host to video_hosts.",
    ),
    "media.address": (
        "địa chỉ \"{src}\" không chỉ tới một video cụ thể của {provider}. Hãy mở video, bấm \"Chia sẻ\" rồi "
        "dán địa chỉ hoặc mã nhúng của chính video đó.",
        "the address \"{src}\" does not point at one {provider} video. Open the video, press \"Share\" and "
        "paste that video's address or embed code.",
    ),
    "html.tag": (
        "thẻ HTML <{tag}> trong bài sẽ bị loại bỏ khi đăng (không được phép vì lý do an toàn).",
        "the HTML tag <{tag}> will be removed when published (not allowed, for safety).",
    ),
    "html.attribute": (
        "thuộc tính \"{attribute}\" của thẻ <{tag}> sẽ bị loại bỏ khi đăng.",
        "the attribute \"{attribute}\" of <{tag}> will be removed when published.",
    ),
    "html.url": (
        "địa chỉ \"{url}\" trong thẻ <{tag}> không an toàn và sẽ bị loại bỏ; chỉ dùng http(s), mailto hoặc tel.",
        "the address \"{url}\" in <{tag}> is unsafe and will be removed; use http(s), mailto or tel only.",
    ),
    "html.iframe": (
        "khung nhúng <iframe> lẫn trong đoạn văn sẽ bị loại bỏ. Để đăng video, dán mã nhúng (hoặc địa chỉ) của "
        "video trên một dòng riêng; trang video phải có trong video_hosts của mkdocs.yml (đang cho phép: {hosts}).",
        "an <iframe> inside other text will be removed. To show a video, paste its embed code (or address) "
        "alone on its own line; its host must be in video_hosts in mkdocs.yml (allowed: {hosts}).",
    ),
    "privacy.id_number": (
        "có vẻ là số căn cước/CMND ({value}). Không đăng số giấy tờ tùy thân (Nghị định 13/2023/NĐ-CP); hãy xóa.",
        "this looks like a citizen ID number ({value}). Identity numbers must not be published; remove it.",
    ),
    "privacy.phone": (
        "có vẻ là số điện thoại di động ({value}). Không đăng số điện thoại cá nhân; số của cơ quan thì khai báo "
        "trong mkdocs.yml (privacy_allow).",
        "this looks like a mobile number ({value}). Do not publish personal numbers; declare official ones "
        "in mkdocs.yml (privacy_allow).",
    ),
    "privacy.email": (
        "có vẻ là địa chỉ thư điện tử cá nhân ({value}). Chỉ đăng địa chỉ công vụ (.gov.vn).",
        "this looks like a personal e-mail address ({value}). Publish official (.gov.vn) addresses only.",
    ),
    "privacy.address": (
        "có vẻ là địa chỉ nhà riêng đến số nhà ({value}). Chỉ ghi đến thôn, xã.",
        "this looks like a home address down to the house number ({value}). Give the village and commune only.",
    ),
    "privacy.birth_date": (
        "có vẻ là ngày sinh ({value}). Không đăng ngày sinh của cá nhân; có thể ghi năm sinh nếu cần.",
        "this looks like a date of birth ({value}). Do not publish dates of birth; the year is enough if needed.",
    ),
    "url.invalid": (
        "{label} \"{value}\" không phải địa chỉ web hợp lệ (phải bắt đầu bằng http:// hoặc https://).",
        "{label} \"{value}\" is not a web address (it must start with http:// or https://).",
    ),
    "award.not_mapping": (
        "mỗi khen thưởng phải có dạng \"- name: ...\" kèm \"year:\" và \"decision:\".",
        "each award must read \"- name: ...\" with \"year:\" and \"decision:\".",
    ),
    "award.year": (
        "năm khen thưởng \"{value}\" không hợp lệ (ghi 4 chữ số, ví dụ 2023).",
        "the award year \"{value}\" is not valid (write 4 digits, e.g. 2023).",
    ),
    "consultation.missing": (
        "bài ở trạng thái \"nominee\" (đang lấy ý kiến) cần khóa \"consultation_until\" (hạn lấy ý kiến), "
        "ví dụ consultation_until: 30/06/2024.",
        "a story with status \"nominee\" needs \"consultation_until\" (the consultation deadline), "
        "e.g. consultation_until: 30/06/2024.",
    ),
    "consultation.unused": (
        "\"consultation_until\" chỉ có tác dụng khi status là \"nominee\"; giá trị này bị bỏ qua.",
        "\"consultation_until\" only applies when status is \"nominee\"; it is ignored here.",
    ),
    "placeholder.body": (
        "dòng này vẫn là chữ mẫu của bài viết mới (\"{text}\"). Hãy thay bằng nội dung thật hoặc xóa dòng này; "
        "bài chưa viết xong thì ghi \"status: draft\" để lưu nháp.",
        "this line is still template text (\"{text}\"). Replace it with the story or delete it; "
        "for unfinished work write \"status: draft\".",
    ),
    "placeholder.value": (
        "trường \"{key}\" ({label}) vẫn là chữ mẫu \"{value}\". Hãy điền giá trị thật, hoặc xóa dòng này "
        "nếu không dùng.",
        "the field \"{key}\" ({label}) is still the template's \"{value}\". Fill in the real value, or "
        "delete the line if it is not used.",
    ),
    # -- vocabularies ----------------------------------------------------------------------
    "vocab.file_missing": (
        "không tìm thấy tệp danh mục {name}.",
        "the vocabulary file {name} was not found.",
    ),
    "vocab.not_list": (
        "tệp danh mục phải là một danh sách các mục (mỗi mục bắt đầu bằng \"- id: ...\").",
        "a vocabulary file must be a list of entries (each starting with \"- id: ...\").",
    ),
    "vocab.entry_field": (
        "mục danh mục thiếu hoặc sai trường \"{key}\".",
        "a vocabulary entry has a missing or invalid \"{key}\".",
    ),
    "vocab.duplicate_id": (
        "mã \"{id}\" bị dùng hai lần trong danh mục (lần đầu ở dòng {first}).",
        "the id \"{id}\" is used twice in the vocabulary (first on line {first}).",
    ),
    "vocab.name_clash": (
        "tên \"{value}\" dùng cho cả \"{first}\" và \"{second}\"; mỗi tên chỉ được chỉ một mục.",
        "the name \"{value}\" belongs to both \"{first}\" and \"{second}\"; each name must point to one entry.",
    ),
    "vocab.bad_reference": (
        "\"{key}: {value}\" không khớp mã nào trong danh mục {target}.",
        "\"{key}: {value}\" matches no id in the {target} vocabulary.",
    ),
    "config.invalid": (
        "cấu hình không hợp lệ: {detail}",
        "invalid configuration: {detail}",
    ),
    # -- the output folder and the cache (a build, not a story) -----------------------------
    "output.locked": (
        "thư mục {folder} đang được một lần dựng khác ghi vào (tiến trình {pid}). Chờ lần dựng đó xong "
        "rồi chạy lại; trang đang phát hành không bị đụng tới.",
        "the folder {folder} is being written by another build (process {pid}). Wait for it to finish and "
        "run again; the published site is untouched.",
    ),
    "output.no_space": (
        "hết chỗ trên đĩa khi ghi vào {folder}. Trang đang phát hành giữ nguyên, phần đã ghi dở đã được xóa. "
        "Giải phóng dung lượng (xem df -h) rồi dựng lại.",
        "no space left on the disk while writing to {folder}. The published site is unchanged and the partial "
        "output was removed. Free some space (see df -h) and build again.",
    ),
    "output.recovered": (
        "đã xóa {count} thư mục do lần dựng trước bị dừng giữa chừng để lại bên cạnh {folder}.",
        "removed {count} folder(s) left beside {folder} by an earlier build that was stopped.",
    ),
    "cache.damaged": (
        "mục bộ nhớ đệm {path} bị hỏng hoặc thiếu tệp; đã làm lại, không dùng bản hỏng.",
        "the cache entry {path} is damaged or incomplete; it was made again, the damaged copy is not used.",
    ),
    # -- summaries ---------------------------------------------------------------------------
    "summary.errors": (
        "Có {count} lỗi; chưa thể xuất bản. Sửa các lỗi trên rồi chạy lại.",
        "{count} error(s); nothing can be published until they are fixed.",
    ),
    "summary.ok": (
        "Đã kiểm tra {stories} bài viết: không có lỗi{warnings}.",
        "Checked {stories} stories: no errors{warnings}.",
    ),
    "summary.drafts": (
        "Bản nháp (không đăng, không chặn bài khác): {drafts} bài có {notes} ghi chú.",
        "Drafts (not published, blocking nothing): {drafts} with {notes} note(s).",
    ),
    "summary.failed": (
        "Đã kiểm tra {stories} bài viết: {errors} lỗi, {warnings} cảnh báo.",
        "Checked {stories} stories: {errors} error(s), {warnings} warning(s).",
    ),
}


def axis_code(key: str, what: str) -> str:
    """The message code for `what` happening on the axis `key`: its own wording if the catalogue has
    one (`locality.expired`), else the generic one (`term.expired`) that names the axis."""
    code = f"{key}.{what}"
    return code if code in MESSAGES else f"term.{what}"


def render(code: str, params: Mapping[str, object], lang: str = "vi") -> str:
    """Fill the message `code` in `lang` with `params` (plus the guide pointer)."""
    vi, en = MESSAGES[code]
    template = en if lang == "en" else vi
    values = {"guide": GUIDE_EN if lang == "en" else GUIDE, **params}
    # Parameters that differ per language are passed as (vi, en) pairs.
    values = {k: (v[1] if lang == "en" else v[0]) if isinstance(v, tuple) else v for k, v in values.items()}
    return template.format(**values)
