"""What a build tells the terminal about the exemplars: problems, photos, cards, drafts, scheduled stories."""

from __future__ import annotations

import logging

from generator.core.settings import Settings
from generator.pipeline import SiteBuild
from generator.validate.memo import ValidationMemo

__all__ = ["report_build"]


def report_build(build: SiteBuild, settings: Settings, memo: ValidationMemo | None, log: logging.LoggerAdapter) -> None:
    """Log the build's errors (a preview goes on with them), warnings, drafts' notes and what was done."""
    for problem in build.errors:
        log.error(problem.format(settings.lang))
    for problem in build.warnings:
        log.warning(problem.format(settings.lang))
    for problem in build.notes:  # a draft's problems must not fail `mkdocs build --strict`: info, not warning
        log.info(problem.format(settings.lang))
    log.info("Ảnh: xử lý %d, dùng lại %d từ bộ nhớ đệm.", build.photos_processed, build.photos_reused)
    log.info("Thẻ chia sẻ: vẽ %d, dùng lại %d.", build.cards_drawn, build.cards_reused)
    log.info("Thẻ chia sẻ của trang danh sách: vẽ %d, dùng lại %d.", build.page_cards_drawn, build.page_cards_reused)
    if memo is not None:
        checked = build.project.files - memo.reused
        log.info("Bài viết: kiểm tra %d, dùng lại %d bài không đổi từ lần dựng trước.", checked, memo.reused)
    for story in build.plan.edition.drafts:
        log.info("Bản nháp, không xuất bản: %s", story.source)
    for story in build.plan.edition.scheduled:
        log.info("Chưa đến ngày đăng (%s): %s", story.date.isoformat(), story.source)
