"""Traditional Chinese, Taiwan usage (zh-TW): errors, media and delivery text, translating bot/i18n/en/core.py."""

MESSAGES: dict[str, str] = {
    "error.generic": "影片服務出了點問題。沒有扣除任何額度。",
    "error.auth": "影片服務拒絕了機器人的金鑰（金鑰錯誤，或是其他地區的金鑰）。需要管理員修正機器人的設定。",
    "error.access_denied": "機器人的帳號沒有權限使用這個模型。需要管理員開通。",
    "error.async_header": "機器人送出的請求格式有誤（缺少非同步標頭）。這是機器人的 bug。",
    "error.model_unavailable": "機器人所在的地區沒有這個模型。請換一個模型。",
    "error.invalid_parameter": "影片服務拒絕了這次請求的設定。",
    "error.media_unreachable": "影片服務無法下載你的檔案。請重新上傳看看。",
    "error.media_rejected": "影片服務無法使用你的檔案（格式、大小或長度不符）。請換一個檔案。",
    "error.content_rejected": "影片服務的安全審查擋下了提示詞、圖片或產生的結果。請換個說法或換一張圖。"
    "沒有扣除任何額度。",
    "error.ip_infringement": "影片服務懷疑這次請求用到了別人的智慧財產（某個品牌或知名角色）。試試原創的內容吧。"
    "沒有扣除任何額度。",
    "error.billing": "機器人的影片服務帳號已經沒有餘額或免費額度。需要管理員儲值。",
    "error.throttled": "影片服務現在很忙。機器人等一下會自動重試。",
    "error.server": "影片服務內部發生問題。機器人等一下會自動重試。",
    "error.task_timeout": "影片服務處理這個任務超過 3 小時，已經放棄。沒有扣除任何額度。",
    "error.cancel_refused": "只有還在佇列中等待的任務才能取消。",
    "error.transport": "機器人連不上影片服務。等一下會自動重試。",
    "error.ambiguous_submission": "送出時機器人和影片服務斷了聯繫。它會先確認任務是否已經開始，再決定下一步。",
    "error.result_expired": "完成影片的下載連結已經失效（連結的效期是 24 小時）。",
    "error.result_rejected": "無法安全地取得完成的影片（來源主機不符預期或檔案太大）。",
    "delivery.compressed": "已從 {original_mb:.1f} MB 壓縮到 {size_mb:.1f} MB（{height}p），以符合這個頻道的上傳限制。",
    "delivery.too_large": "完成的影片有 {size_mb:.1f} MB，但這個頻道最多只接受 {limit_mb:.1f} MB 的檔案，"
    "壓縮到這麼小畫質會毀掉。",
    "delivery.too_large_after_compression": "完成的影片有 {size_mb:.1f} MB，但這個頻道最多只接受 {limit_mb:.1f} "
    "MB 的檔案；就算壓縮後還是有 {best_mb:.1f} MB。",
    "delivery.compress_failed": "完成的影片有 {size_mb:.1f} MB，超過這個頻道 {limit_mb:.1f} MB 的上傳限制，"
    "而且壓縮失敗了。",
    "delivery.unreadable": "無法讀取完成的影片，所以機器人沒辦法把它附加上來。",
    "delivery.link_until": "原始連結在 {expires} 前都有效：{url}",
    "delivery.link": "原始連結在任務完成後 24 小時內有效：{url}",
    # Media in (bot/jobs/media_in): refusals name the field, the value and what is allowed.
    "media.fetch.bad_url": "`{field}`：這個連結用的是 `{value}`，但機器人只會下載 {allowed} 連結。",
    "media.fetch.too_large": "`{field}`：檔案大小為 {value} MB；機器人最多只下載 {allowed} MB。",
    "media.fetch.failed": "`{field}`：機器人無法下載這個檔案（回應：{value}）。請重新上傳看看。",
    "media.fetch.redirects": "`{field}`：這個連結重新導向超過 {allowed} 次，機器人已經放棄。",
    "media.fetch.timeout": "`{field}`：下載時間超過 {allowed} 秒。請換個小一點的檔案，或重新上傳。",
    "media.unknown_type": "`{field}`：機器人認不出這個檔案。請使用下列其中一種格式：{allowed}。",
    "media.wrong_kind.image": "`{field}`：這是 {value} 檔案，不是圖片。請使用下列其中一種格式：{allowed}。",
    "media.wrong_kind.audio": "`{field}`：這是 {value} 檔案，不是音訊檔。請使用下列其中一種格式：{allowed}。",
    "media.wrong_kind.video": "`{field}`：這是 {value} 檔案，不是影片。請使用下列其中一種格式：{allowed}。",
    "media.image.unsupported": "`{field}`：機器人無法轉換 {value} 格式的圖片。請改用下列其中一種格式：{allowed}。",
    "media.image.too_many_pixels": "`{field}`：圖片尺寸為 {value} px，超過機器人能開啟的 {allowed} 百萬像素。"
    "請傳一張小一點的圖片。",
    "media.image.unreadable": "`{field}`：檔案看起來是 {value}，但無法開啟，可能已經損毀。請使用下列其中一種格式："
    "{allowed}。",
    "media.image.too_small": "`{field}`：圖片尺寸為 {value} px；這個模型要求每一邊至少 {allowed} px。",
    "media.image.aspect": "`{field}`：圖片尺寸為 {size} px，寬高比為 {value}；這個模型接受的比例是 {min} 到 {max}"
    "。請裁切後再試一次。",
    "media.image.too_elongated": "`{field}`：圖片尺寸為 {value} px。把長邊縮小到 {max_side} px 時，短邊會小於 "
    "{allowed} px。請把它裁切成不那麼細長的形狀。",
    "media.image.too_large": "`{field}`：壓縮後圖片還是有 {value} MB；這個模型最多接受 {allowed} MB。"
    "請傳一張小一點的圖片。",
    "media.audio.unreadable": "`{field}`：無法把這個 {value} 檔案當作音訊讀取，可能已經損毀。"
    "請使用下列其中一種格式：{allowed}。",
    "media.audio.no_stream": "`{field}`：這個 {value} 檔案裡沒有聲音。",
    "media.audio.too_short": "`{field}`：音訊長度為 {value} 秒；這個模型至少需要 {allowed} 秒。",
    "media.audio.too_long": "`{field}`：音訊長度為 {value} 秒；這個模型最多接受 {allowed} 秒。請剪短後再試一次。",
    "media.audio.too_long_exclusive": "`{field}`：音訊長度為 {value} 秒；這個模型需要短於 {allowed} 秒。"
    "請剪短後再試一次。",
    "media.audio.too_large": "`{field}`：壓縮後音訊還是有 {value} MB；這個模型最多接受 {allowed} MB。",
    "media.video.unreadable": "`{field}`：無法把這個 {value} 檔案當作影片讀取，可能已經損毀。"
    "請使用下列其中一種格式：{allowed}。",
    "media.video.no_stream": "`{field}`：這個 {value} 檔案裡沒有畫面。",
    "media.video.too_short": "`{field}`：影片長度為 {value} 秒；這個模型至少需要 {allowed} 秒。",
    "media.video.too_long": "`{field}`：影片長度為 {value} 秒；這個模型最多接受 {allowed} 秒。請剪短後再試一次。",
    "media.video.too_long_exclusive": "`{field}`：影片長度為 {value} 秒；這個模型需要短於 {allowed} 秒。"
    "請剪短後再試一次。",
    "media.video.too_small": "`{field}`：影片尺寸為 {value} px；這個模型要求每一邊至少 {allowed} px。",
    "media.video.aspect": "`{field}`：影片尺寸為 {size} px，寬高比為 {value}；這個模型接受的比例是 {min} 到 {max}"
    "。請裁切後再試一次。",
    "media.video.too_elongated": "`{field}`：影片尺寸為 {value} px。把長邊縮小到 {max_side} px 時，短邊會小於 "
    "{allowed} px。請把它裁切成不那麼細長的形狀。",
    "media.video.fps_low": "`{field}`：影片的影格率是每秒 {value} 格；這個模型至少需要每秒 {allowed} 格。",
    "media.video.fps_high": "`{field}`：影片的影格率是每秒 {value} 格；這個模型最多接受每秒 {allowed} 格。",
    "media.video.too_large": "`{field}`：影片有 {value} MB，沒辦法在不毀掉畫質的情況下壓縮到這個模型 {allowed} MB "
    "的上限以內。請傳短一點或小一點的影片。",
    "media.convert_failed": "`{field}`：機器人無法轉換這個 {value} 檔案。請改用下列其中一種格式：{allowed}。",
    "media.reference.changed_needs_link": "`{field}`：這個模型只會從原始連結取得檔案，但機器人為了符合模型的限制，"
    "必須調整你的檔案。請上傳一個本來就符合限制的檔案再試一次。",
    "media.reference.no_route": "`{field}`：機器人沒辦法把這個檔案交給這個模型（它接受：{allowed}）。"
    "可能需要管理員變更機器人的上傳模式。",
    # Media in: fixes the bot made, told to the member.
    "media.fixed.first_frame": "`{field}`：你的圖片是動態圖片，只會使用第一格畫面。",
    "media.fixed.rotated": "`{field}`：已依照相機記錄的方向把你的照片轉正。",
    "media.fixed.alpha_flattened": "`{field}`：這個模型不支援透明，所以你圖片的透明背景已經填成白色。",
    "media.fixed.alpha_removed": "`{field}`：已移除你圖片中沒用到的透明圖層。",
    "media.fixed.downscaled": "`{field}`：你的圖片已從 {from} 縮小為 {to} px，以符合這個模型的限制。",
    "media.fixed.converted": "`{field}`：你的圖片已從 {from} 轉換成這個模型接受的 {to} 格式。",
    "media.fixed.compressed": "`{field}`：你的圖片已從 {from} MB 壓縮到 {to} MB，以符合這個模型 {allowed} MB 的上限。",
    "media.fixed.audio_converted": "`{field}`：你的音訊已從 {from} 轉換成這個模型接受的 {to} 格式。",
    "media.fixed.audio_compressed": "`{field}`：你的音訊已從 {from} MB 壓縮到 {to} MB，以符合這個模型 {allowed} "
    "MB 的上限。",
    "media.fixed.video_converted": "`{field}`：你的影片已從 {from} 轉換成這個模型接受的 {to} 格式。",
    "media.fixed.video_downscaled": "`{field}`：你的影片已從 {from} 縮小為 {to} px，以符合這個模型的限制。",
    "media.fixed.video_compressed": "`{field}`：你的影片已從 {from} MB 壓縮到 {to} MB，以符合這個模型 {allowed} "
    "MB 的上限。",
}
