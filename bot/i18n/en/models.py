"""English: the /wan-models list."""

MESSAGES: dict[str, str] = {
    "models.title": "Wan models in {region}",
    "models.no_price": "price not published",
    "models.sound": "with sound",
    "models.silent": "silent",
    "models.disabled": "(switched off on this server)",
}
