"""Indonesian (id): errors, media and delivery text, translating bot/i18n/en/core.py."""

MESSAGES: dict[str, str] = {
    "error.generic": "Terjadi masalah di layanan video. Kuotamu tidak terpotong.",
    "error.auth": "Kunci layanan video milik bot ditolak (kuncinya salah, atau kunci dari region lain). Admin "
    "perlu memperbaiki konfigurasi bot.",
    "error.access_denied": "Akun bot tidak diizinkan memakai model ini. Admin perlu mengaktifkannya.",
    "error.async_header": "Bot mengirim permintaan yang formatnya salah (header async tidak ada). Ini bug di bot.",
    "error.model_unavailable": "Model ini tidak ada di region bot. Pilih model lain.",
    "error.invalid_parameter": "Layanan video menolak pengaturan dalam permintaan ini.",
    "error.media_unreachable": "Layanan video tidak bisa mengunduh file kamu. Coba unggah lagi.",
    "error.media_rejected": "Layanan video tidak bisa memakai file kamu (format, ukuran, atau durasinya). Coba "
    "file lain.",
    "error.content_rejected": "Filter keamanan layanan video menolak prompt, gambar, atau hasilnya. Coba "
    "kata-kata lain atau gambar lain. Kuotamu tidak terpotong.",
    "error.ip_infringement": "Layanan video menduga permintaan ini memakai kekayaan intelektual pihak lain (merek "
    "atau karakter terkenal). Coba sesuatu yang orisinal. Kuotamu tidak terpotong.",
    "error.billing": "Saldo atau kuota gratis akun layanan video milik bot sudah habis. Admin perlu mengisi ulang.",
    "error.throttled": "Layanan video sedang sibuk. Bot akan mencoba lagi sebentar lagi.",
    "error.server": "Layanan video sedang mengalami masalah internal. Bot akan mencoba lagi sebentar lagi.",
    "error.task_timeout": "Layanan video menyerah pada tugas ini setelah 3 jam. Kuotamu tidak terpotong.",
    "error.cancel_refused": "Hanya tugas yang masih menunggu di antrean yang bisa dibatalkan.",
    "error.transport": "Bot tidak bisa terhubung ke layanan video. Bot akan mencoba lagi sebentar lagi.",
    "error.ambiguous_submission": "Bot kehilangan kontak dengan layanan video saat mengirim tugas. Bot akan "
    "memeriksa dulu apakah tugasnya sudah dimulai sebelum melakukan hal lain.",
    "error.result_expired": "Tautan unduhan video yang sudah jadi telah kedaluwarsa (tautan berlaku 24 jam).",
    "error.result_rejected": "Video yang sudah jadi tidak bisa diambil dengan aman (host tak terduga atau "
    "ukurannya terlalu besar).",
    "delivery.compressed": "Dikompres dari {original_mb:.1f} MB menjadi {size_mb:.1f} MB ({height}p) agar muat "
    "dalam batas unggah saluran ini.",
    "delivery.too_large": "Video yang sudah jadi berukuran {size_mb:.1f} MB, tetapi saluran ini hanya menerima "
    "file hingga {limit_mb:.1f} MB, dan mengompresnya sekecil itu akan merusak gambarnya.",
    "delivery.too_large_after_compression": "Video yang sudah jadi berukuran {size_mb:.1f} MB, tetapi saluran ini "
    "hanya menerima file hingga {limit_mb:.1f} MB; setelah dikompres pun masih {best_mb:.1f} MB.",
    "delivery.compress_failed": "Video yang sudah jadi berukuran {size_mb:.1f} MB, melebihi batas unggah saluran "
    "ini ({limit_mb:.1f} MB), dan kompresinya gagal.",
    "delivery.unreadable": "Video yang sudah jadi tidak bisa dibaca, jadi bot tidak bisa melampirkannya.",
    "delivery.link_until": "Tautan aslinya berlaku sampai {expires}: {url}",
    "delivery.link": "Tautan aslinya berlaku selama 24 jam setelah tugas selesai: {url}",
    # Media in (bot/jobs/media_in): refusals name the field, the value and what is allowed.
    "media.fetch.bad_url": "`{field}`: tautan ini memakai `{value}`, tetapi bot hanya mengunduh tautan {allowed}.",
    "media.fetch.too_large": "`{field}`: ukuran file {value} MB; bot hanya mengunduh paling besar {allowed} MB.",
    "media.fetch.failed": "`{field}`: bot tidak bisa mengunduh file ini (jawaban: {value}). Coba unggah lagi.",
    "media.fetch.redirects": "`{field}`: tautan ini dialihkan lebih dari {allowed} kali, jadi bot menyerah.",
    "media.fetch.timeout": "`{field}`: pengunduhan memakan waktu lebih dari {allowed} detik. Coba file yang lebih "
    "kecil atau unggah lagi.",
    "media.unknown_type": "`{field}`: bot tidak mengenali file ini. Gunakan salah satu format berikut: {allowed}.",
    "media.wrong_kind.image": "`{field}`: ini file {value}, bukan gambar. Gunakan salah satu format berikut: "
    "{allowed}.",
    "media.wrong_kind.audio": "`{field}`: ini file {value}, bukan file suara. Gunakan salah satu format berikut: "
    "{allowed}.",
    "media.wrong_kind.video": "`{field}`: ini file {value}, bukan video. Gunakan salah satu format berikut: {allowed}.",
    "media.image.unsupported": "`{field}`: bot tidak bisa mengonversi gambar {value}. Kirim dalam salah satu "
    "format berikut: {allowed}.",
    "media.image.too_many_pixels": "`{field}`: gambarnya {value} px, lebih dari {allowed} juta piksel yang bisa "
    "dibuka bot. Kirim gambar yang lebih kecil.",
    "media.image.unreadable": "`{field}`: file ini tampaknya {value}, tetapi tidak bisa dibuka; mungkin rusak. "
    "Gunakan salah satu format berikut: {allowed}.",
    "media.image.too_small": "`{field}`: gambarnya {value} px; model ini butuh setiap sisi minimal {allowed} px.",
    "media.image.aspect": "`{field}`: gambarnya {size} px, dengan rasio lebar-tinggi {value}; model ini menerima "
    "rasio dari {min} sampai {max}. Potong gambarnya lalu coba lagi.",
    "media.image.too_elongated": "`{field}`: gambarnya {value} px. Jika diperkecil agar sisi panjangnya muat "
    "{max_side} px, sisi pendeknya jadi kurang dari {allowed} px. Potong menjadi bentuk yang tidak terlalu "
    "memanjang.",
    "media.image.too_large": "`{field}`: setelah dikompres gambarnya masih {value} MB; model ini menerima paling "
    "besar {allowed} MB. Kirim gambar yang lebih kecil.",
    "media.audio.unreadable": "`{field}`: file {value} ini tidak bisa dibaca sebagai suara; mungkin rusak. "
    "Gunakan salah satu format berikut: {allowed}.",
    "media.audio.no_stream": "`{field}`: file {value} ini tidak berisi suara.",
    "media.audio.too_short": "`{field}`: audionya {value} detik; model ini butuh minimal {allowed} detik.",
    "media.audio.too_long": "`{field}`: audionya {value} detik; model ini menerima paling lama {allowed} detik. "
    "Potong lalu coba lagi.",
    "media.audio.too_long_exclusive": "`{field}`: audionya {value} detik; model ini butuh yang lebih pendek dari "
    "{allowed} detik. Potong lalu coba lagi.",
    "media.audio.too_large": "`{field}`: setelah dikompres audionya masih {value} MB; model ini menerima paling "
    "besar {allowed} MB.",
    "media.video.unreadable": "`{field}`: file {value} ini tidak bisa dibaca sebagai video; mungkin rusak. "
    "Gunakan salah satu format berikut: {allowed}.",
    "media.video.no_stream": "`{field}`: file {value} ini tidak berisi gambar.",
    "media.video.too_short": "`{field}`: videonya {value} detik; model ini butuh minimal {allowed} detik.",
    "media.video.too_long": "`{field}`: videonya {value} detik; model ini menerima paling lama {allowed} detik. "
    "Potong lalu coba lagi.",
    "media.video.too_long_exclusive": "`{field}`: videonya {value} detik; model ini butuh yang lebih pendek dari "
    "{allowed} detik. Potong lalu coba lagi.",
    "media.video.too_small": "`{field}`: videonya {value} px; model ini butuh setiap sisi minimal {allowed} px.",
    "media.video.aspect": "`{field}`: videonya {size} px, dengan rasio lebar-tinggi {value}; model ini menerima "
    "rasio dari {min} sampai {max}. Potong videonya lalu coba lagi.",
    "media.video.too_elongated": "`{field}`: videonya {value} px. Jika diperkecil agar sisi panjangnya muat "
    "{max_side} px, sisi pendeknya jadi kurang dari {allowed} px. Potong menjadi bentuk yang tidak terlalu "
    "memanjang.",
    "media.video.fps_low": "`{field}`: videonya {value} frame per detik; model ini butuh minimal {allowed}.",
    "media.video.fps_high": "`{field}`: videonya {value} frame per detik; model ini menerima paling banyak {allowed}.",
    "media.video.too_large": "`{field}`: videonya {value} MB dan tidak bisa dikompres di bawah batas model ini "
    "({allowed} MB) tanpa merusaknya. Kirim video yang lebih pendek atau lebih kecil.",
    "media.convert_failed": "`{field}`: bot tidak bisa mengonversi file {value} ini. Kirim dalam salah satu "
    "format berikut: {allowed}.",
    "media.reference.changed_needs_link": "`{field}`: model ini hanya mengambil file dari tautan aslinya, tetapi "
    "bot harus menyesuaikan file kamu agar sesuai batas model. Unggah file yang sudah sesuai lalu coba lagi.",
    "media.reference.no_route": "`{field}`: bot tidak punya cara untuk menyerahkan file ini ke model ini (yang "
    "diterima: {allowed}). Admin mungkin perlu mengubah mode unggah bot.",
    # Media in: fixes the bot made, told to the member.
    "media.fixed.first_frame": "`{field}`: gambarmu beranimasi; hanya frame pertamanya yang dipakai.",
    "media.fixed.rotated": "`{field}`: fotomu diputar tegak sesuai orientasi kameranya.",
    "media.fixed.alpha_flattened": "`{field}`: latar belakang transparan gambarmu diisi warna putih, karena model "
    "ini tidak menerima transparansi.",
    "media.fixed.alpha_removed": "`{field}`: lapisan transparansi yang tidak terpakai dihapus dari gambarmu.",
    "media.fixed.downscaled": "`{field}`: gambarmu diperkecil dari {from} menjadi {to} px agar sesuai batas model ini.",
    "media.fixed.converted": "`{field}`: gambarmu dikonversi dari {from} ke {to}, format yang diterima model ini.",
    "media.fixed.compressed": "`{field}`: gambarmu dikompres dari {from} MB menjadi {to} MB agar muat dalam batas "
    "{allowed} MB model ini.",
    "media.fixed.audio_converted": "`{field}`: audiomu dikonversi dari {from} ke {to}, format yang diterima model ini.",
    "media.fixed.audio_compressed": "`{field}`: audiomu dikompres dari {from} MB menjadi {to} MB agar muat dalam "
    "batas {allowed} MB model ini.",
    "media.fixed.video_converted": "`{field}`: videomu dikonversi dari {from} ke {to}, format yang diterima model ini.",
    "media.fixed.video_downscaled": "`{field}`: videomu diperkecil dari {from} menjadi {to} px agar sesuai batas "
    "model ini.",
    "media.fixed.video_compressed": "`{field}`: videomu dikompres dari {from} MB menjadi {to} MB agar muat dalam "
    "batas {allowed} MB model ini.",
}
