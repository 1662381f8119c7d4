"""Simplified Chinese (zh-CN): errors, media and delivery text, translating bot/i18n/en/core.py."""

MESSAGES: dict[str, str] = {
    "error.generic": "视频服务出了点问题。没有扣除任何额度。",
    "error.auth": "视频服务拒绝了机器人的密钥（密钥错误，或是其他地域的密钥）。需要管理员修改机器人的配置。",
    "error.access_denied": "机器人的账号无权使用这个模型。需要管理员开通。",
    "error.async_header": "机器人发送的请求格式有误（缺少异步请求头）。这是机器人的 bug。",
    "error.model_unavailable": "机器人所在的地域没有这个模型。请换一个模型。",
    "error.invalid_parameter": "视频服务拒绝了这次请求的设置。",
    "error.media_unreachable": "视频服务无法下载你的文件。请重新上传试试。",
    "error.media_rejected": "视频服务无法使用你的文件（格式、大小或时长不符合要求）。请换一个文件。",
    "error.content_rejected": "视频服务的安全审核拦截了提示词、图片或生成结果。请换个说法或换一张图片。"
    "没有扣除任何额度。",
    "error.ip_infringement": "视频服务怀疑这次请求使用了他人的知识产权（某个品牌或知名角色）。试试原创的内容吧。"
    "没有扣除任何额度。",
    "error.billing": "机器人的视频服务账号已欠费或免费额度已用完。需要管理员充值。",
    "error.throttled": "视频服务现在很忙。机器人稍后会自动重试。",
    "error.server": "视频服务内部出了问题。机器人稍后会自动重试。",
    "error.task_timeout": "视频服务处理这个任务超过了 3 小时，已经放弃。没有扣除任何额度。",
    "error.cancel_refused": "只有仍在队列中等待的任务才能取消。",
    "error.transport": "机器人连不上视频服务。稍后会自动重试。",
    "error.ambiguous_submission": "提交时机器人与视频服务失去了联系。它会先确认任务是否已经开始，再做下一步。",
    "error.result_expired": "成品视频的下载链接已过期（链接有效期为 24 小时）。",
    "error.result_rejected": "无法安全地获取成品视频（来源主机异常或文件过大）。",
    "delivery.compressed": "已从 {original_mb:.1f} MB 压缩到 {size_mb:.1f} MB（{height}p），以符合此频道的上传限制。",
    "delivery.too_large": "成品视频有 {size_mb:.1f} MB，但此频道最多只接受 {limit_mb:.1f} MB 的文件，"
    "压缩到这么小画面会严重受损。",
    "delivery.too_large_after_compression": "成品视频有 {size_mb:.1f} MB，但此频道最多只接受 {limit_mb:.1f} MB "
    "的文件；即使压缩后仍有 {best_mb:.1f} MB。",
    "delivery.compress_failed": "成品视频有 {size_mb:.1f} MB，超过了此频道 {limit_mb:.1f} MB 的上传限制，"
    "而且压缩失败了。",
    "delivery.unreadable": "无法读取成品视频，所以机器人没法把它作为附件发送。",
    "delivery.link_until": "原始链接在 {expires} 之前有效：{url}",
    "delivery.link": "原始链接在任务完成后 24 小时内有效：{url}",
    # Media in (bot/jobs/media_in): refusals name the field, the value and what is allowed.
    "media.fetch.bad_url": "`{field}`：这个链接使用的是 `{value}`，但机器人只下载 {allowed} 链接。",
    "media.fetch.too_large": "`{field}`：文件大小为 {value} MB；机器人最多下载 {allowed} MB。",
    "media.fetch.failed": "`{field}`：机器人无法下载这个文件（响应：{value}）。请重新上传试试。",
    "media.fetch.redirects": "`{field}`：这个链接重定向超过了 {allowed} 次，机器人已放弃。",
    "media.fetch.timeout": "`{field}`：下载用时超过了 {allowed} 秒。请换一个更小的文件，或重新上传。",
    "media.unknown_type": "`{field}`：机器人无法识别这个文件。请使用以下格式之一：{allowed}。",
    "media.wrong_kind.image": "`{field}`：这是一个 {value} 文件，不是图片。请使用以下格式之一：{allowed}。",
    "media.wrong_kind.audio": "`{field}`：这是一个 {value} 文件，不是音频文件。请使用以下格式之一：{allowed}。",
    "media.wrong_kind.video": "`{field}`：这是一个 {value} 文件，不是视频。请使用以下格式之一：{allowed}。",
    "media.image.unsupported": "`{field}`：机器人无法转换 {value} 格式的图片。请改用以下格式之一：{allowed}。",
    "media.image.too_many_pixels": "`{field}`：图片尺寸为 {value} px，超过了机器人能打开的 {allowed} 百万像素。"
    "请发送一张更小的图片。",
    "media.image.unreadable": "`{field}`：这个文件看起来是 {value}，但无法打开，可能已损坏。请使用以下格式之一："
    "{allowed}。",
    "media.image.too_small": "`{field}`：图片尺寸为 {value} px；这个模型要求每条边至少 {allowed} px。",
    "media.image.aspect": "`{field}`：图片尺寸为 {size} px，宽高比为 {value}；这个模型接受的宽高比为 {min} 到 "
    "{max}。请裁剪后再试。",
    "media.image.too_elongated": "`{field}`：图片尺寸为 {value} px。把长边缩小到 {max_side} px 时，短边会小于 "
    "{allowed} px。请把它裁剪成不那么细长的形状。",
    "media.image.too_large": "`{field}`：压缩后图片仍有 {value} MB；这个模型最多接受 {allowed} MB。"
    "请发送一张更小的图片。",
    "media.audio.unreadable": "`{field}`：无法把这个 {value} 文件读取为音频，它可能已损坏。请使用以下格式之一："
    "{allowed}。",
    "media.audio.no_stream": "`{field}`：这个 {value} 文件里没有声音。",
    "media.audio.too_short": "`{field}`：音频时长为 {value} 秒；这个模型要求至少 {allowed} 秒。",
    "media.audio.too_long": "`{field}`：音频时长为 {value} 秒；这个模型最多接受 {allowed} 秒。请剪短后再试。",
    "media.audio.too_long_exclusive": "`{field}`：音频时长为 {value} 秒；这个模型要求短于 {allowed} 秒。请剪短后再试。",
    "media.audio.too_large": "`{field}`：压缩后音频仍有 {value} MB；这个模型最多接受 {allowed} MB。",
    "media.video.unreadable": "`{field}`：无法把这个 {value} 文件读取为视频，它可能已损坏。请使用以下格式之一："
    "{allowed}。",
    "media.video.no_stream": "`{field}`：这个 {value} 文件里没有画面。",
    "media.video.too_short": "`{field}`：视频时长为 {value} 秒；这个模型要求至少 {allowed} 秒。",
    "media.video.too_long": "`{field}`：视频时长为 {value} 秒；这个模型最多接受 {allowed} 秒。请剪短后再试。",
    "media.video.too_long_exclusive": "`{field}`：视频时长为 {value} 秒；这个模型要求短于 {allowed} 秒。请剪短后再试。",
    "media.video.too_small": "`{field}`：视频尺寸为 {value} px；这个模型要求每条边至少 {allowed} px。",
    "media.video.aspect": "`{field}`：视频尺寸为 {size} px，宽高比为 {value}；这个模型接受的宽高比为 {min} 到 "
    "{max}。请裁剪后再试。",
    "media.video.too_elongated": "`{field}`：视频尺寸为 {value} px。把长边缩小到 {max_side} px 时，短边会小于 "
    "{allowed} px。请把它裁剪成不那么细长的形状。",
    "media.video.fps_low": "`{field}`：视频帧率为每秒 {value} 帧；这个模型要求至少 {allowed} 帧。",
    "media.video.fps_high": "`{field}`：视频帧率为每秒 {value} 帧；这个模型最多接受 {allowed} 帧。",
    "media.video.too_large": "`{field}`：视频有 {value} MB，无法在不严重损伤画质的情况下压缩到这个模型 {allowed} "
    "MB 的上限以内。请发送更短或更小的视频。",
    "media.convert_failed": "`{field}`：机器人无法转换这个 {value} 文件。请改用以下格式之一：{allowed}。",
    "media.reference.changed_needs_link": "`{field}`：这个模型只从原始链接获取文件，"
    "但机器人为了符合模型的限制调整了你的文件。请上传一个本身就符合要求的文件后再试。",
    "media.reference.no_route": "`{field}`：机器人没有办法把这个文件交给这个模型（它接受：{allowed}）。"
    "可能需要管理员更改机器人的上传方式。",
    # Media in: fixes the bot made, told to the member.
    "media.fixed.first_frame": "`{field}`：你的图片是动图，只使用了它的第一帧。",
    "media.fixed.rotated": "`{field}`：已按照相机记录的方向把你的照片转正。",
    "media.fixed.alpha_flattened": "`{field}`：这个模型不支持透明，所以你的图片的透明背景已填充为白色。",
    "media.fixed.alpha_removed": "`{field}`：已移除你的图片中没有用到的透明通道。",
    "media.fixed.downscaled": "`{field}`：你的图片已从 {from} 缩小到 {to} px，以符合这个模型的限制。",
    "media.fixed.converted": "`{field}`：你的图片已从 {from} 转换为这个模型接受的 {to} 格式。",
    "media.fixed.compressed": "`{field}`：你的图片已从 {from} MB 压缩到 {to} MB，以符合这个模型 {allowed} MB 的上限。",
    "media.fixed.audio_converted": "`{field}`：你的音频已从 {from} 转换为这个模型接受的 {to} 格式。",
    "media.fixed.audio_compressed": "`{field}`：你的音频已从 {from} MB 压缩到 {to} MB，以符合这个模型 {allowed} "
    "MB 的上限。",
    "media.fixed.video_converted": "`{field}`：你的视频已从 {from} 转换为这个模型接受的 {to} 格式。",
    "media.fixed.video_downscaled": "`{field}`：你的视频已从 {from} 缩小到 {to} px，以符合这个模型的限制。",
    "media.fixed.video_compressed": "`{field}`：你的视频已从 {from} MB 压缩到 {to} MB，以符合这个模型 {allowed} "
    "MB 的上限。",
}
