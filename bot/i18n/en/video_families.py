"""English: /wan-motion, /wan-swap, /wan-lipsync and /wan-restyle (cogs/motion, lipsync, restyle).

Descriptions and choice names obey Discord's limits (at most 100 characters; names lowercase,
1-32 characters). The style names are the catalog's English names (bot/wan/catalog/style.py).
`error.videoretalk.*` explain VideoRetalk's own failure codes (spec 04 §8.1).
"""

MESSAGES: dict[str, str] = {
    # /wan-motion and /wan-swap (cogs/motion.py).
    "motion.cmd.motion": "Make the person in your picture perform the moves of your video",
    "motion.cmd.swap": "Put the person in your picture in place of the person in your video",
    "motion.opt.image": "Picture of one person facing the camera, face fully visible",
    "motion.opt.video": "Video of one person whose moves and expressions are copied (2-30 s)",
    "motion.opt.swap_video": "Video whose main person is replaced; scene, light and moves stay (2-30 s)",
    "motion.opt.mode": "wan-std is faster and cheaper, wan-pro smoother (price per second of video)",
    "motion.opt.check_image": "Let Wan check the picture first (default on)",
    "name.wan-motion": "wan-motion",
    "name.wan-swap": "wan-swap",
    "name.mode": "mode",
    "name.check_image": "check_image",
    # /wan-lipsync (cogs/lipsync.py).
    "lipsync.cmd": "Make the person in a video say new words: the lips follow your audio",
    "lipsync.opt.video": "Video of the person, face close and frontal (2-120 s, 15-60 fps, sides 640-2048 px)",
    "lipsync.opt.audio": "The new speech (wav, mp3 or aac, 2-120 s): a clear voice without music",
    "lipsync.opt.ref_image": "A clear frontal picture of the face to sync when several people appear",
    "lipsync.opt.extend": "Audio longer than the video: on replays the video back and forth, off cuts the audio",
    "name.wan-lipsync": "wan-lipsync",
    "name.ref_image": "ref_image",
    "name.extend": "extend",
    # /wan-restyle (cogs/restyle.py).
    "restyle.cmd": "Redraw a video in one of Wan's preset art styles",
    "restyle.opt.video": "The video to redraw (at most 30 s, long side at most 1.8 times the short side)",
    "restyle.opt.style": "The art style",
    "restyle.opt.short_side": "Short side of the result in pixels: 720, or 540 for less quota",
    "restyle.opt.fps": "Frames per second of the result (default 15)",
    "restyle.opt.expressions": "Refine facial expressions (default on; turn it off when faces are small)",
    "restyle.opt.super_resolution": "Free sharpening after redrawing; with 540 the result becomes 1080P at the 540 price",
    "restyle.style.0": "Japanese manga",
    "restyle.style.1": "American comic",
    "restyle.style.2": "Fresh light comic",
    "restyle.style.3": "3D cartoon",
    "restyle.style.4": "Chinese-style cartoon",
    "restyle.style.5": "Paper craft",
    "restyle.style.6": "Simple illustration",
    "restyle.style.7": "Chinese ink wash",
    "name.wan-restyle": "wan-restyle",
    "name.short_side": "short_side",
    "name.fps": "fps",
    "name.expressions": "expressions",
    "name.super_resolution": "super_resolution",
    # VideoRetalk failure codes (spec 04 §8.1), shown in the status message of a failed job.
    "error.videoretalk.InvalidURL.ConnectionRefused": "The video service was refused when it tried to download "
    "one of your files. Try uploading it again.",
    "error.videoretalk.InvalidURL.Timeout": "The video service gave up downloading one of your files after 60 s. "
    "Try a smaller file, or upload it again.",
    "error.videoretalk.InvalidFile.Size": "One of your files is too large: the video must be under 300 MB, the "
    "audio under 30 MB and the face picture under 10 MB.",
    "error.videoretalk.InvalidFile.Format": "One of your files has a format lip-sync cannot use: the video must be "
    "MP4, AVI or MOV, the audio WAV, MP3 or AAC, the picture JPG, PNG, BMP or WEBP.",
    "error.videoretalk.InvalidFile.Resolution": "The video's width and height must each be 640 to 2048 pixels.",
    "error.videoretalk.InvalidFile.FPS": "The video must have 15 to 60 frames per second.",
    "error.videoretalk.InvalidFile.Duration": "The video and the audio must each be longer than 2 s and shorter "
    "than 120 s.",
    "error.videoretalk.InvalidFile.ImageSize": "The face picture is too large: its long side may be at most "
    "4096 px and at most twice its short side.",
    "error.videoretalk.InvalidFile.Openerror": "One of your files could not be opened as video, audio or picture; "
    "it may be damaged or carry the wrong extension.",
    "error.videoretalk.InvalidFile.Content": "The picture shows no person, or more than one. Use a picture of "
    "exactly one person.",
    "error.videoretalk.InvalidFile.FaceNotMatch": "The face in `ref_image` does not appear in the video. Use a "
    "frame of the video, or leave `ref_image` out.",
}
