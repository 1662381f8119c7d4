"""Traditional Chinese (zh-TW): status, confirmations, refusals, buttons and job details (bot/i18n/en/discord.py)."""

MESSAGES: dict[str, str] = {
    # Status message, one per job. Times are Discord timestamps, so clients count them without edits.
    "status.queued": "⏳ {who} 的 **{model}** 已排入佇列：目前排第 {position} 位，預計 <t:{eta}:R>完成。",
    "status.submitted": "🎬 {who} 的 **{model}** 影片已在 <t:{since}:R>交給萬相，正在等那邊空出名額。預計 "
    "<t:{eta}:R>完成。",
    "status.running": "🎬 {who} 的 **{model}** 影片製作中（<t:{since}:R>開始）。預計 <t:{eta}:R>完成。",
    "status.fetching": "📥 {who} 的 **{model}** 影片已經完成，正在下載並上傳…",
    "status.delivered": "✅ {who} 的 **{model}** 影片就在下面。這次用掉 {cost} 秒額度。",
    "status.undeliverable": "⚠️ {who} 的 **{model}** 影片沒辦法附加在這裡。{reason} 這次用掉 {cost} 秒額度。",
    "status.failed": "❌ {who} 的 **{model}** 影片製作失敗：{reason} 預留的 {cost} 秒額度已經退回。",
    "status.canceled": "🚫 {who} 的 **{model}** 影片已取消。預留的 {cost} 秒額度已經退回。",
    "status.prompt": "> {prompt}",
    "status.rewritten": "萬相把提示詞改寫成：*{prompt}*",
    "status.sandbox": "-# 沙盒模式：測試畫面，不產生費用",
    # The finished video.
    "result.caption": "🎬 {who} · **{model}** · 種子 {seed} · {cost} 秒額度",
    "result.seed_random": "隨機",
    "result.compressed": "-# 已壓縮，以符合這個頻道 {limit_mb} MB 的上傳限制。",
    # Private confirmations.
    "command.queued": "已排入佇列，大約會用掉你 {cost} 秒額度（這一期還剩 {remaining}）：{link}",
    "quota.unlimited": "無上限",
    # Refusals: nothing was reserved or sent.
    "refusal.invalid": "{model} 不接受 `{field}` 設為 {value}：{allowed}。",
    "refusal.missing": "{model} 必須提供 `{field}`：{allowed}。",
    "refusal.quota": "這需要 {needed} 秒額度，但你只剩 {remaining} 秒。你的額度會在 <t:{reset}:R>重設。",
    "refusal.duplicate": "這個已經在製作中了：{link}",
    "refusal.shutting_down": "機器人正在重新啟動，暫時不接受新的影片請求。沒有扣除任何額度，請一分鐘後再試。",
    "refusal.not_configured": "這個機器人還沒設定萬相 API 金鑰，所以目前還不能製作影片。",
    "refusal.model_not_offered": "`model` {model} 在這個機器人的地區（{region}）沒有提供。請從下列模型中選擇："
    "{allowed}。",
    "refusal.model_disabled": "`model` {model} 已經被這個伺服器的管理員關閉了。",
    "refusal.channel": "在這個伺服器，只能在下列頻道製作影片：{allowed}。",
    "refusal.nsfw_only": "在這個伺服器，只能在限制級頻道製作影片。",
    "refusal.no_size": "{model} 在 {resolution} 下沒有 `aspect` {aspect} 可選。可以選的有：{allowed}。",
    "refusal.no_models": "這個機器人的地區（{region}）沒有提供任何 {family} 模型。",
    "refusal.link_not_discord": "`{field}`：機器人只讀取上傳到 Discord 的圖片（附件或 cdn.discordapp.com 連結）。",
    "refusal.no_image": "那則訊息裡沒有機器人能做成動畫的圖片。",
    "refusal.upload_failed": "`{field}`：機器人沒辦法把你的檔案交給萬相：{reason}",
    "refusal.not_owner": "只有製作這部影片的人（或伺服器管理員）才能這麼做。",
    "refusal.job_gone": "這個任務已經不存在了。",
    "refusal.cancel_late": "現在取消已經太晚了：萬相已經開始製作影片。萬相只能取消還在等待中的任務。",
    "refusal.unexpected": "機器人這邊出了點問題。沒有扣除任何額度。（參考編號 {ref}）",
    # Buttons (labels at most 80 characters).
    "button.reroll": "重新產生",
    "button.remix": "改編",
    "button.details": "詳細資料",
    "button.delete": "刪除",
    "button.cancel": "取消",
    "remix.title": "改編這部影片",
    "remix.prompt": "新的提示詞",
    "canceled.ok": "已取消。預留的額度已經退回。",
    "deleted.ok": "已刪除。",
    # Details (ephemeral).
    "details.title": "任務 #{id}",
    "details.model": "模型",
    "details.state": "狀態",
    "details.seed": "種子",
    "details.prompt": "提示詞",
    "details.rewritten": "萬相改寫後",
    "details.options": "選項",
    "details.cost": "耗用",
    "details.cost_value": "預留 {reserved}，實際計費 {billed}（秒額度）",
    "details.times": "時間",
    "details.times_value": "排入佇列：<t:{queued}:T>，開始：{started}，完成：{finished}",
    "details.not_yet": "尚未",
    "details.error": "失敗原因",
    # Appended at the end of bot/i18n/en/discord.py.
    "error.delivery_failed": "影片已經做好了，但機器人沒有權限在這個頻道發布。沒有扣除任何額度；"
    "請管理員檢查機器人的權限（傳送訊息、附加檔案）。",
    "refusal.not_allowed": "你不能在這裡使用這個指令。",
    "refusal.bad_option": "機器人看不懂這個值：{value}。",
    # Reasons given inside refusal.invalid (its {allowed}), so they start in lower case.
    "refusal.no_sound_file": "這個模型不接受音訊檔",
    "refusal.always_sound": "這個模型一定會產生聲音，沒辦法設為靜音",
}
MESSAGES["shown.file"] = "（你的檔案）"
MESSAGES["shown.characters"] = "（{n} 個字元）"
MESSAGES["shown.items"] = "（{n} 項）"
MESSAGES["status.step"] = "🔎 正在為 **{model}** 檢查 {who} 的檔案（第 {step} 步，共 {of} 步）…"
MESSAGES["status.template"] = "✅ {who} 幫這個伺服器學會了一支新舞：**{name}**。用掉了 {cost} 額度秒。"
MESSAGES["error.detect.s2v"] = "萬相的檢測沒有在圖片中找到一個清楚的真人。請用只有一個人、看得到臉的照片。"
MESSAGES["error.detect.emo"] = "萬相的檢測沒有在圖片中找到清楚的正臉。請用光線充足、臉部沒有遮住的人像。"
MESSAGES["error.detect.liveportrait"] = "萬相的檢測沒有在圖片中找到可用的臉。請用一個人看著鏡頭的人像。"
MESSAGES["error.detect.emoji"] = "萬相的檢測沒有在圖片中找到可用的臉。請用一張清楚的單人正臉照片。"
MESSAGES["error.detect.animate-anyone"] = "萬相的檢測需要一個完整的人，站著並面向鏡頭，身體沒有被裁掉。請換一張全身照。"
MESSAGES["unit.seconds_short"] = ' 秒'
