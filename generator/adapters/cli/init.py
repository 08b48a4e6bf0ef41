"""`exemplars init DIR --province NAME`: a ready site for any of the 34 provinces."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.authoring.new_site import SiteExists, write_site
from generator.authoring.province import find_province, load_gazetteer
from generator.core.errors import display_path

__all__ = ["init"]


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--province", required=True, help='Tên tỉnh, thành phố (ví dụ "Quảng Ngãi", "Thành phố Cần Thơ").')
def init(folder: Path, province: str) -> None:
    """Tạo trang mới cho một tỉnh, thành phố: cấu hình, danh mục địa bàn, đơn vị, chỉ tiêu, trang chủ."""
    gazetteer = load_gazetteer()
    entry = find_province(gazetteer, province)
    if entry is None:
        names = ", ".join(p["name"] for p in gazetteer["provinces"])
        raise click.BadParameter(f'không có tỉnh, thành phố "{province}". Chọn một trong: {names}.', param_hint="--province")
    try:
        written = write_site(folder, entry)
    except SiteExists as exists:
        click.echo(f"{display_path(Path(str(exists)))}: error: thư mục đã có trang; không ghi đè.", err=True)
        sys.exit(1)
    communes = sum(1 for c in entry["communes"])
    click.echo(f"Đã tạo trang cho {entry['name']} ({communes} xã, phường, đặc khu) trong {display_path(folder)}:")
    for path in written:
        click.echo(f"  {display_path(path)}")
    click.echo("Việc tiếp theo:")
    click.echo(f"  1. Sửa site_url, tên cơ quan trong {display_path(folder / 'mkdocs.yml')}.")
    click.echo("  2. Viết bài đầu tiên: exemplars new")
    click.echo("  3. Xem trước: exemplars serve")
