"""English: what a request field accepts, the {allowed} of refusal.invalid / refusal.missing (bot/wan/allowed.py).

Each text must equal, once formatted, the English `Issue.allowed` that bot/wan/validation.py and
bot/wan/rules/ write next to its key (tests/wan/test_allowed.py checks). They start in lower case
and end without a full stop: the refusal frame supplies both.
"""

MESSAGES: dict[str, str] = {
    # Joining choices: "5 or 10", "5, 10 or 15" (allowed.join.or between the last two), "a, b, c".
    "allowed.join.or": "{first} or {second}",
    "allowed.join.comma": "{first}, {second}",
    # A field with a fixed list of values.
    "allowed.nothing": "nothing",
    "allowed.only": "only {value}",
    "allowed.choose": "choose {choices}",
    "allowed.list_of.nothing": "a list of nothing",
    "allowed.list_of.only": "a list of only {value}",
    "allowed.list_of.choices": "a list of {choices}",
    # Links to media.
    "allowed.url": "a URL",
    "allowed.use": "use {schemes}",
    "allowed.scheme.http": "a public http(s) URL",
    "allowed.scheme.oss": "an oss:// upload",
    "allowed.scheme.data": "a base64 data URI",
    "allowed.data_uri": "a data URI of the form {form}",
    "allowed.url_ascii": "a URL without non-ASCII characters (percent-encode them)",
    "allowed.url_list": "a list of URLs",
    # Text, switches and numbers.
    "allowed.text": "text",
    "allowed.non_empty_text": "non-empty text",
    "allowed.max_len": "at most {max} characters",
    "allowed.bool": "true or false",
    "allowed.int": "a whole number",
    "allowed.int.between": "a whole number from {min} to {max}",
    "allowed.int.at_least": "a whole number of at least {min}",
    "allowed.int.at_most": "a whole number of at most {max}",
    "allowed.choose_int": "choose a whole number",
    "allowed.choose_int.between": "choose a whole number from {min} to {max}",
    "allowed.choose_int.at_least": "choose a whole number of at least {min}",
    "allowed.choose_int.at_most": "choose a whole number of at most {max}",
    "allowed.number": "a number",
    "allowed.number.between": "a number from {min} to {max}",
    "allowed.number.at_least": "a number of at least {min}",
    "allowed.number.at_most": "a number of at most {max}",
    "allowed.choose_number": "choose a number",
    "allowed.choose_number.between": "choose a number from {min} to {max}",
    "allowed.choose_number.at_least": "choose a number of at least {min}",
    "allowed.choose_number.at_most": "choose a number of at most {max}",
    "allowed.int_list": "a list of whole numbers",
    # How many items a list holds.
    "allowed.items.between": "{min} to {max} items",
    "allowed.items.exactly": "exactly {n} items",
    "allowed.items.at_least": "at least {min} items",
    "allowed.items.at_most": "at most {max} items",
    "allowed.media_list": "a list of {shape} objects",
    "allowed.media_once": "each media type at most once",
    # The request as a whole.
    "allowed.json_object": "a JSON object",
    # {doc} is the field's English catalog line; other languages are shown allowed.required_value instead.
    "allowed.required": "required: {doc}",
    "allowed.required_value": "required: give a value",
    "allowed.undocumented": "not a documented field of this model",
    # Cross-field rules: bot/wan/rules/video.py.
    "allowed.video.multi_shot": "true (or unset) when shot_type is multi",
    "allowed.video.no_soundtrack": "no soundtrack when audio is false",
    "allowed.video.template_no_prompt": "no prompt with an effect template",
    "allowed.video.template_no_last_frame": "no last frame with an effect template",
    "allowed.video.last_frame_required": "required: the last frame image",
    "allowed.video.media_combination": "one of: {combinations}",
    # Cross-field rules: bot/wan/rules/generation.py (r2v and VACE).
    "allowed.r2v.total": "at most {max} references in total",
    "allowed.r2v.videos": "at most {max} videos (mp4/mov) among the references; images fill the rest",
    "allowed.vace.obj_or_bg_required": "required with {n} images: one obj or bg per image",
    "allowed.vace.obj_or_bg_count": "one obj or bg per reference image ({n} items)",
    "allowed.vace.one_bg": "at most one bg (background) image",
    "allowed.vace.one_mask": "only one mask: mask_image_url or mask_video_url",
    "allowed.vace.mask_required": "required: a mask image, or a mask video in mask_video_url",
    "allowed.vace.frame_needs_image": "only with mask_image_url (it names the masked frame)",
    "allowed.vace.tracking_only": "only with mask_type tracking",
    "allowed.vace.extension_input": "required: at least one of {inputs}",
    "allowed.vace.control_required": "required with video_url: {choices}",
    "allowed.vace.control_required_any": "required with video_url: a control condition",
    # Cross-field rules: bot/wan/rules/portrait.py.
    "allowed.portrait.corners": "[x1, y1, x2, y2] with 0 <= x1 < x2 and 0 <= y1 < y2; copy the box from the detector",
    "allowed.portrait.aspect": "a box of aspect {aspects} (width:height), as the detector returns",
    "allowed.portrait.ratio_needs_bg": "only with use_ref_img_bg true; with the template video's background "
    "the output keeps its ratio",
}
MESSAGES['allowed.is_required'] = 'it is required'
MESSAGES['allowed.no_such_option'] = '{model} has no such option'
MESSAGES['allowed.not_an_option'] = 'not an option of this model'
MESSAGES['allowed.template_choose'] = 'choose one of {allowed}'
MESSAGES['allowed.template_runs_on'] = 'runs on {models}'
