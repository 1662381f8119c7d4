"""Bahasa Indonesia: daftar /wan-models."""

MESSAGES: dict[str, str] = {
    "models.title": "Model Wan di {region}",
    "models.no_price": "harga belum diumumkan",
    "models.sound": "dengan suara",
    "models.silent": "tanpa suara",
    "models.disabled": "(dimatikan di server ini)",
}
