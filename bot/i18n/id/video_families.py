"""Bahasa Indonesia: /wan-motion, /wan-swap, /wan-lipsync dan /wan-restyle, serta galat VideoRetalk."""

MESSAGES: dict[str, str] = {
    # /wan-motion dan /wan-swap (cogs/motion.py).
    "motion.cmd.motion": "Buat orang di gambarmu meniru gerakan di videomu",
    "motion.cmd.swap": "Ganti orang di videomu dengan orang di gambarmu",
    "motion.opt.image": "Gambar satu orang yang menghadap kamera, wajah terlihat utuh",
    "motion.opt.video": "Video satu orang yang gerakan dan ekspresinya ditiru (2-30 dtk)",
    "motion.opt.swap_video": "Video yang tokoh utamanya diganti; latar, cahaya, dan gerakan tetap (2-30 dtk)",
    "motion.opt.mode": "wan-std lebih cepat dan murah, wan-pro lebih halus (harga per detik video)",
    "motion.opt.check_image": "Biarkan Wan memeriksa gambar lebih dulu (bawaan: aktif)",
    "name.wan-motion": "wan-motion",
    "name.wan-swap": "wan-swap",
    "name.mode": "mode",
    "name.check_image": "periksa_gambar",
    # /wan-lipsync (cogs/lipsync.py).
    "lipsync.cmd": "Buat orang di video mengucapkan kata baru: bibirnya mengikuti audiomu",
    "lipsync.opt.video": "Video orangnya, wajah dekat dan dari depan (2-120 dtk, 15-60 fps, sisi 640-2048 px)",
    "lipsync.opt.audio": "Ucapan baru (wav, mp3, atau aac, 2-120 dtk): suara jelas tanpa musik",
    "lipsync.opt.ref_image": "Gambar wajah yang jelas dari depan untuk disinkronkan bila ada beberapa orang",
    "lipsync.opt.extend": "Audio lebih panjang dari video: aktif memutar video maju-mundur, nonaktif memotong audio",
    "name.wan-lipsync": "wan-lipsync",
    "name.ref_image": "gambar_wajah",
    "name.extend": "perpanjang",
    # /wan-restyle (cogs/restyle.py).
    "restyle.cmd": "Gambar ulang video dengan salah satu gaya seni bawaan Wan",
    "restyle.opt.video": "Video yang digambar ulang (paling lama 30 dtk, sisi panjang maks. 1,8 kali sisi pendek)",
    "restyle.opt.style": "Gaya seni",
    "restyle.opt.short_side": "Sisi pendek hasil dalam piksel: 720, atau 540 agar lebih hemat kuota",
    "restyle.opt.fps": "Bingkai per detik hasil (bawaan 15)",
    "restyle.opt.expressions": "Perhalus ekspresi wajah (bawaan aktif; matikan bila wajah kecil)",
    "restyle.opt.super_resolution": "Penajaman gratis setelah digambar ulang; dengan 540 hasil menjadi 1080P dengan harga 540",
    "restyle.style.0": "Manga Jepang",
    "restyle.style.1": "Komik Amerika",
    "restyle.style.2": "Komik ringan segar",
    "restyle.style.3": "Kartun 3D",
    "restyle.style.4": "Kartun gaya Tiongkok",
    "restyle.style.5": "Kerajinan kertas",
    "restyle.style.6": "Ilustrasi sederhana",
    "restyle.style.7": "Lukisan tinta Tiongkok",
    "name.wan-restyle": "wan-restyle",
    "name.short_side": "sisi_pendek",
    "name.fps": "fps",
    "name.expressions": "ekspresi",
    "name.super_resolution": "resolusi_super",
    # Kode galat VideoRetalk (spec 04 §8.1).
    "error.videoretalk.InvalidURL.ConnectionRefused": "Layanan video ditolak saat mengunduh salah satu berkasmu. "
    "Coba unggah lagi.",
    "error.videoretalk.InvalidURL.Timeout": "Layanan video berhenti mengunduh salah satu berkasmu setelah 60 dtk. "
    "Coba berkas yang lebih kecil, atau unggah lagi.",
    "error.videoretalk.InvalidFile.Size": "Salah satu berkasmu terlalu besar: video harus di bawah 300 MB, audio di "
    "bawah 30 MB, dan gambar wajah di bawah 10 MB.",
    "error.videoretalk.InvalidFile.Format": "Format salah satu berkasmu tidak bisa dipakai untuk sinkronisasi bibir: "
    "video harus MP4, AVI, atau MOV, audio WAV, MP3, atau AAC, gambar JPG, PNG, BMP, atau WEBP.",
    "error.videoretalk.InvalidFile.Resolution": "Lebar dan tinggi video masing-masing harus 640 sampai 2048 piksel.",
    "error.videoretalk.InvalidFile.FPS": "Video harus memiliki 15 sampai 60 bingkai per detik.",
    "error.videoretalk.InvalidFile.Duration": "Video dan audio masing-masing harus lebih dari 2 dtk dan kurang dari "
    "120 dtk.",
    "error.videoretalk.InvalidFile.ImageSize": "Gambar wajah terlalu besar: sisi panjangnya paling banyak 4096 px "
    "dan paling banyak dua kali sisi pendeknya.",
    "error.videoretalk.InvalidFile.Openerror": "Salah satu berkasmu tidak bisa dibuka sebagai video, audio, atau "
    "gambar; mungkin rusak atau ekstensinya keliru.",
    "error.videoretalk.InvalidFile.Content": "Gambar tidak memuat orang, atau memuat lebih dari satu orang. Pakai "
    "gambar yang berisi tepat satu orang.",
    "error.videoretalk.InvalidFile.FaceNotMatch": "Wajah di `ref_image` tidak muncul di video. Pakai satu bingkai "
    "dari video, atau kosongkan `ref_image`.",
}
