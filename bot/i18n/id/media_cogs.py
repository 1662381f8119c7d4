"""Bahasa Indonesia: /wan-animate, menu Animasikan, /wan-frames dan /wan-reference."""

MESSAGES: dict[str, str] = {
    "i2v.cmd": "Hidupkan sebuah gambar menjadi video pendek",
    "i2v.menu": "Animasikan",
    "i2v.opt.image": "Gambar yang akan dianimasikan (menjadi frame pertama)",
    "i2v.opt.prompt": "Apa yang terjadi (wajib untuk wan2.7, opsional untuk model lain)",
    "i2v.opt.model": "Model Wan yang dipakai (bawaan: yang pertama tersedia di sini)",
    "i2v.opt.resolution": "Tingkat resolusi (makin tinggi makin banyak kuota)",
    "i2v.opt.duration": "Durasi dalam detik (nilai yang boleh tergantung model)",
    "i2v.opt.audio": "Suara: otomatis, atau tanpa suara jika model mendukung",
    "i2v.opt.audio_file": "File wav atau mp3 untuk dijadikan soundtrack",
    "i2v.opt.shots": "Satu shot berkelanjutan atau beberapa shot (wan2.6)",
    "i2v.opt.negative_prompt": "Hal yang harus dihindari",
    "i2v.opt.seed": "Seed acak untuk hasil yang mirip (tidak identik)",
    "i2v.opt.rewrite": "Biarkan Wan memperbaiki prompt (bawaan: aktif)",
    "kf2v.cmd": "Buat video yang bergerak dari gambar pertama ke gambar terakhir",
    "kf2v.opt.first_frame": "Gambar di awal video",
    "kf2v.opt.last_frame": "Gambar di akhir video",
    "kf2v.opt.prompt": "Apa yang terjadi di antaranya (wajib untuk wan2.7, opsional untuk model lain)",
    "r2v.cmd": "Buat video yang dibintangi orang atau benda dari gambar atau klip referensi Anda",
    "r2v.opt.prompt": "Apa yang terjadi; sebut referensi sebagai character1, character2, …",
    "r2v.opt.ref1": "Referensi 1 (character1): gambar atau klip pendek berisi satu subjek",
    "r2v.opt.ref2": "Referensi 2 (character2): gambar atau klip pendek berisi satu subjek",
    "r2v.opt.ref3": "Referensi 3 (character3): gambar atau klip pendek berisi satu subjek",
    "r2v.opt.ref4": "Referensi 4 (character4): gambar atau klip pendek berisi satu subjek",
    "r2v.opt.ref5": "Referensi 5 (character5): gambar atau klip pendek berisi satu subjek",
    "r2v.opt.aspect": "Bentuk video",
    "i2v.modal.title": "Animasikan gambar ini",
    "i2v.modal.prompt": "Apa yang terjadi? (opsional)",
    "i2v.modal.placeholder": "misalnya: kucing itu perlahan menoleh dan berkedip",
    "i2v.refusal.unsupported": "`{field}` {value} bukan opsi dari {model}. Kosongkan saja, atau pilih model "
    "yang memilikinya: {models}.",
    "i2v.need_prompt": "jelaskan apa yang terjadi di dalam video",
    "r2v.refusal.no_character": "`prompt` tidak menyebut satu pun referensi. Wan hanya mengenalinya dengan nama "
    "berikut: {names} (ref1 adalah character1, ref2 adalah character2, dan seterusnya).",
    "r2v.refusal.unknown_character": "`prompt` menyebut {unknown}, tetapi hanya referensi ini yang dilampirkan: "
    "{names}.",
    "r2v.refusal.gap": "`{field}` dilampirkan tetapi `{missing}` kosong. Lampirkan referensi secara berurutan: ref1 "
    "adalah character1, ref2 adalah character2, dan seterusnya.",
}
