"""Files made from the plan: feeds, embeds, search index, open data, reports, photos, share cards, headers."""
