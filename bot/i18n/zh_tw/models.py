"""繁體中文：/wan-models 清單。"""

MESSAGES: dict[str, str] = {
    "models.title": "{region} 可用的萬相模型",
    "models.no_price": "未公布價格",
    "models.sound": "有聲",
    "models.silent": "無聲",
    "models.disabled": "（本伺服器已關閉）",
}
