"""Indonesian (id): status, confirmations, refusals, buttons and job details (bot/i18n/en/discord.py)."""

MESSAGES: dict[str, str] = {
    # Status message, one per job. Times are Discord timestamps, so clients count them without edits.
    "status.queued": "⏳ {who} mengantrekan **{model}**: nomor {position} di antrean, kira-kira siap <t:{eta}:R>.",
    "status.submitted": "🎬 Video **{model}** milik {who} diserahkan ke Wan <t:{since}:R>; sedang menunggu slot "
    "kosong di sana. Kira-kira siap <t:{eta}:R>.",
    "status.running": "🎬 Video **{model}** milik {who} sedang dibuat (dimulai <t:{since}:R>). Kira-kira siap "
    "<t:{eta}:R>.",
    "status.fetching": "📥 Video **{model}** milik {who} sudah jadi; sedang diambil dan diunggah…",
    "status.delivered": "✅ Video **{model}** milik {who} ada di bawah. Memakai {cost} detik kuota.",
    "status.undeliverable": "⚠️ Video **{model}** milik {who} tidak bisa dilampirkan di sini. {reason} Memakai "
    "{cost} detik kuota.",
    "status.failed": "❌ Video **{model}** milik {who} gagal: {reason} {cost} detik kuota yang dipesan sudah "
    "dikembalikan.",
    "status.canceled": "🚫 Video **{model}** milik {who} dibatalkan. {cost} detik kuota yang dipesan sudah "
    "dikembalikan.",
    "status.prompt": "> {prompt}",
    "status.rewritten": "Wan menulis ulang prompt menjadi: *{prompt}*",
    "status.sandbox": "-# sandbox: pola uji, tanpa biaya",
    # The finished video.
    "result.caption": "🎬 {who} · **{model}** · seed {seed} · {cost} detik kuota",
    "result.seed_random": "acak",
    "result.compressed": "-# Dikompres agar muat dalam batas unggah {limit_mb} MB di saluran ini.",
    # Private confirmations.
    "command.queued": "Masuk antrean: {link}. Ini akan memakai sekitar {cost} detik kuotamu (sisa {remaining} "
    "untuk periode ini).",
    "quota.unlimited": "tanpa batas",
    # Refusals: nothing was reserved or sent.
    "refusal.invalid": "`{field}` {value} tidak diizinkan untuk {model}: {allowed}.",
    "refusal.missing": "`{field}` wajib diisi untuk {model}: {allowed}.",
    "refusal.quota": "Itu butuh {needed} detik kuota, sedangkan sisamu {remaining}. Jatahmu direset <t:{reset}:R>.",
    "refusal.duplicate": "Itu sudah sedang dibuat: {link}.",
    "refusal.shutting_down": "Bot sedang dimulai ulang, jadi untuk sementara tidak menerima video baru. Tidak ada kuota yang terpakai; coba lagi sebentar lagi.",
    "refusal.not_configured": "Bot ini belum diberi kunci API Wan, jadi belum bisa membuat video.",
    "refusal.model_not_offered": "`model` {model} tidak tersedia di region bot ini ({region}). Pilih salah satu: "
    "{allowed}.",
    "refusal.model_disabled": "`model` {model} sudah dimatikan di server ini oleh admin.",
    "refusal.channel": "Di sini video hanya bisa dibuat di saluran berikut: {allowed}.",
    "refusal.nsfw_only": "Di server ini, video hanya bisa dibuat di saluran dengan batasan usia.",
    "refusal.no_size": "`aspect` {aspect} tidak tersedia untuk {model} pada {resolution}. Yang tersedia: {allowed}.",
    "refusal.no_models": "Tidak ada model {family} yang tersedia di region bot ini ({region}).",
    "refusal.link_not_discord": "`{field}`: bot hanya membaca gambar yang diunggah ke Discord (lampiran atau "
    "tautan cdn.discordapp.com).",
    "refusal.no_image": "Pesan itu tidak berisi gambar yang bisa dianimasikan oleh bot.",
    "refusal.upload_failed": "`{field}`: bot tidak bisa menyerahkan file kamu ke Wan: {reason}",
    "refusal.not_owner": "Hanya pembuat video ini (atau admin server) yang bisa melakukannya.",
    "refusal.job_gone": "Tugas itu sudah tidak ada.",
    "refusal.cancel_late": "Sudah terlambat untuk membatalkan: Wan sudah mulai membuat videonya. Wan hanya "
    "membatalkan tugas yang masih menunggu.",
    "refusal.unexpected": "Terjadi masalah di sisi bot. Kuotamu tidak terpotong. (referensi {ref})",
    # Buttons (labels at most 80 characters).
    "button.reroll": "Acak ulang",
    "button.remix": "Remix",
    "button.details": "Detail",
    "button.delete": "Hapus",
    "button.cancel": "Batalkan",
    "remix.title": "Remix video ini",
    "remix.prompt": "Prompt baru",
    "canceled.ok": "Dibatalkan. Kuota yang dipesan sudah dikembalikan.",
    "deleted.ok": "Dihapus.",
    # Details (ephemeral).
    "details.title": "Tugas #{id}",
    "details.model": "Model",
    "details.state": "Status",
    "details.seed": "Seed",
    "details.prompt": "Prompt",
    "details.rewritten": "Ditulis ulang oleh Wan",
    "details.options": "Opsi",
    "details.cost": "Biaya",
    "details.cost_value": "{reserved} dipesan, {billed} ditagih (detik kuota)",
    "details.times": "Waktu",
    "details.times_value": "antre <t:{queued}:T>, mulai {started}, selesai {finished}",
    "details.not_yet": "belum",
    "details.error": "Penyebab gagal",
    # Appended at the end of bot/i18n/en/discord.py.
    "error.delivery_failed": "Videonya sudah jadi, tetapi bot tidak diizinkan mengirimnya di saluran ini. Kuotamu "
    "tidak terpotong; admin perlu memeriksa izin bot (Kirim Pesan, Lampirkan File).",
    "refusal.not_allowed": "Kamu tidak diizinkan memakai perintah ini di sini.",
    "refusal.bad_option": "Bot tidak mengerti nilai {value}.",
    # Reasons given inside refusal.invalid (its {allowed}), so they start in lower case.
    "refusal.no_sound_file": "model ini tidak menerima file suara",
    "refusal.always_sound": "model ini selalu menghasilkan suara dan tidak bisa dibuat tanpa suara",
}
MESSAGES["shown.file"] = "(file Anda)"
MESSAGES["shown.characters"] = "({n} karakter)"
MESSAGES["shown.items"] = "({n} item)"
MESSAGES["status.step"] = "🔎 Memeriksa file {who} untuk **{model}** (langkah {step} dari {of})…"
MESSAGES["status.template"] = "✅ {who} mengajarkan tarian baru ke server ini: **{name}**. Terpakai {cost} detik kuota."
MESSAGES["error.detect.s2v"] = (
    "Pemeriksaan Wan tidak menemukan satu orang sungguhan yang jelas di gambar. Gunakan foto satu orang dengan wajah terlihat."
)
MESSAGES["error.detect.emo"] = (
    "Pemeriksaan Wan tidak menemukan satu wajah menghadap depan yang jelas. Gunakan potret dengan wajah terang dan tidak tertutup."
)
MESSAGES["error.detect.liveportrait"] = (
    "Pemeriksaan Wan tidak menemukan wajah yang bisa dipakai. Gunakan potret satu orang yang menatap kamera."
)
MESSAGES["error.detect.emoji"] = (
    "Pemeriksaan Wan tidak menemukan wajah yang bisa dipakai. Gunakan foto satu wajah yang jelas dan menghadap depan."
)
MESSAGES["error.detect.animate-anyone"] = (
    "Pemeriksaan Wan butuh satu orang utuh, berdiri menghadap kamera, tanpa bagian tubuh terpotong. Coba foto seluruh badan."
)
MESSAGES["unit.seconds_short"] = ' dtk'
