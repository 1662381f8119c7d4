"""Simplified Chinese (zh-CN): status, confirmations, refusals, buttons and job details (bot/i18n/en/discord.py)."""

MESSAGES: dict[str, str] = {
    # Status message, one per job. Times are Discord timestamps, so clients count them without edits.
    "status.queued": "⏳ {who} 的 **{model}** 已加入队列：排在第 {position} 位，预计 <t:{eta}:R>完成。",
    "status.submitted": "🎬 {who} 的 **{model}** 视频已于 <t:{since}:R>交给万相，正在等待那边的空闲名额。预计 "
    "<t:{eta}:R>完成。",
    "status.running": "🎬 {who} 的 **{model}** 视频正在生成中（<t:{since}:R>开始）。预计 <t:{eta}:R>完成。",
    "status.fetching": "📥 {who} 的 **{model}** 视频已经完成，正在获取并上传…",
    "status.delivered": "✅ {who} 的 **{model}** 视频在下方。本次消耗 {cost} 秒额度。",
    "status.undeliverable": "⚠️ {who} 的 **{model}** 视频无法作为附件发在这里。{reason} 本次消耗 {cost} 秒额度。",
    "status.failed": "❌ {who} 的 **{model}** 视频生成失败：{reason} 预留的 {cost} 秒额度已退还。",
    "status.canceled": "🚫 {who} 的 **{model}** 视频已取消。预留的 {cost} 秒额度已退还。",
    "status.prompt": "> {prompt}",
    "status.rewritten": "万相把提示词改写为：*{prompt}*",
    "status.sandbox": "-# 沙盒模式：测试画面，不产生费用",
    # The finished video.
    "result.caption": "🎬 {who} · **{model}** · 种子 {seed} · {cost} 秒额度",
    "result.seed_random": "随机",
    "result.compressed": "-# 已压缩，以符合此频道 {limit_mb} MB 的上传限制。",
    # Private confirmations.
    "command.queued": "已加入队列，大约会消耗你 {cost} 秒额度（本周期还剩 {remaining}）：{link}",
    "quota.unlimited": "不限",
    # Refusals: nothing was reserved or sent.
    "refusal.invalid": "{model} 不允许 `{field}` 取值 {value}：{allowed}。",
    "refusal.missing": "{model} 需要填写 `{field}`：{allowed}。",
    "refusal.quota": "这需要 {needed} 秒额度，而你只剩 {remaining} 秒。你的额度将在 <t:{reset}:R>重置。",
    "refusal.duplicate": "这个已经在生成了：{link}",
    "refusal.shutting_down": "机器人正在重启，暂时不接受新的视频请求。没有扣除任何额度，请一分钟后再试。",
    "refusal.not_configured": "这个机器人还没有配置万相 API 密钥，所以暂时无法生成视频。",
    "refusal.model_not_offered": "`model` {model} 在本机器人的地域（{region}）不可用。请从以下模型中选择：{allowed}。",
    "refusal.model_disabled": "`model` {model} 已被本服务器的管理员停用。",
    "refusal.channel": "在这个服务器里，只能在以下频道生成视频：{allowed}。",
    "refusal.nsfw_only": "在这个服务器里，只能在年龄限制频道中生成视频。",
    "refusal.no_size": "{model} 在 {resolution} 下不支持 `aspect` {aspect}。可选的有：{allowed}。",
    "refusal.no_models": "本机器人的地域（{region}）没有可用的 {family} 模型。",
    "refusal.link_not_discord": "`{field}`：机器人只读取上传到 Discord 的图片（附件或 cdn.discordapp.com 链接）。",
    "refusal.no_image": "那条消息里没有机器人能做成动画的图片。",
    "refusal.upload_failed": "`{field}`：机器人无法把你的文件交给万相：{reason}",
    "refusal.not_owner": "只有制作这个视频的人（或服务器管理员）才能这样做。",
    "refusal.job_gone": "这个任务已经不存在了。",
    "refusal.cancel_late": "现在取消已经来不及了：万相已经开始生成视频。万相只能取消仍在等待中的任务。",
    "refusal.unexpected": "机器人这边出了点问题。没有扣除任何额度。（参考编号 {ref}）",
    # Buttons (labels at most 80 characters).
    "button.reroll": "重新生成",
    "button.remix": "改编",
    "button.details": "详情",
    "button.delete": "删除",
    "button.cancel": "取消",
    "remix.title": "改编这个视频",
    "remix.prompt": "新的提示词",
    "canceled.ok": "已取消。预留的额度已退还。",
    "deleted.ok": "已删除。",
    # Details (ephemeral).
    "details.title": "任务 #{id}",
    "details.model": "模型",
    "details.state": "状态",
    "details.seed": "种子",
    "details.prompt": "提示词",
    "details.rewritten": "万相改写后",
    "details.options": "选项",
    "details.cost": "消耗",
    "details.cost_value": "预留 {reserved}，实际计费 {billed}（秒额度）",
    "details.times": "时间",
    "details.times_value": "排队：<t:{queued}:T>，开始：{started}，完成：{finished}",
    "details.not_yet": "尚未",
    "details.error": "失败原因",
    # Appended at the end of bot/i18n/en/discord.py.
    "error.delivery_failed": "视频已经生成，但机器人没有权限在这个频道发布它。没有扣除任何额度；"
    "请管理员检查机器人的权限（发送消息、附加文件）。",
    "refusal.not_allowed": "你不能在这里使用这个命令。",
    "refusal.bad_option": "机器人无法理解这个值：{value}。",
    # Reasons given inside refusal.invalid (its {allowed}), so they start in lower case.
    "refusal.no_sound_file": "这个模型不接受音频文件",
    "refusal.always_sound": "这个模型总是会生成声音，无法静音",
}
MESSAGES["shown.file"] = "（你的文件）"
MESSAGES["shown.characters"] = "（{n} 个字符）"
MESSAGES["shown.items"] = "（{n} 项）"
MESSAGES["status.step"] = "🔎 正在为 **{model}** 检查 {who} 的文件（第 {step} 步，共 {of} 步）…"
MESSAGES["status.template"] = "✅ {who} 为本服务器教会了一支新舞蹈：**{name}**。用掉了 {cost} 配额秒。"
MESSAGES["error.detect.s2v"] = "万相的检测没有在图片中找到一个清晰的真人。请使用只有一个人、能看清脸的照片。"
MESSAGES["error.detect.emo"] = "万相的检测没有在图片中找到一张清晰的正脸。请使用光线充足、脸部没有遮挡的人像。"
MESSAGES["error.detect.liveportrait"] = "万相的检测没有在图片中找到可用的人脸。请使用一个人看向镜头的人像。"
MESSAGES["error.detect.emoji"] = "万相的检测没有在图片中找到可用的人脸。请使用一张清晰的单人正脸照片。"
MESSAGES["error.detect.animate-anyone"] = "万相的检测需要一个完整的人，站立并面向镜头，身体没有被裁掉。请换一张全身照。"
MESSAGES["unit.seconds_short"] = ' 秒'
