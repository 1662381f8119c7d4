"""简体中文：/wan-models 列表。"""

MESSAGES: dict[str, str] = {
    "models.title": "{region} 可用的万相模型",
    "models.no_price": "未公布价格",
    "models.sound": "有声",
    "models.silent": "无声",
    "models.disabled": "（本服务器已关闭）",
}
