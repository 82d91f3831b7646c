"""Crisis lines' numbers: as a phone dials them, and as a person reads them."""

import re


def dial_string(number: str) -> str:
    """What a tel: or sms: link takes: the digits, and a leading + if there is one."""
    digits = re.sub(r"\D", "", number)
    return f"+{digits}" if number.strip().startswith("+") and digits else digits


def readable_number(number: str, country: str = "") -> str:
    """A number grouped the way people read it aloud: 1-800-799-7233, 0808 2000 247, 116 123.
    Short codes (988, 741741) stay whole; a number already written with spaces or dashes is kept."""
    if re.search(r"[\s-]", number.strip()):
        return number.strip()
    digits = dial_string(number)
    plain = digits.lstrip("+")
    if len(plain) <= 5:
        return digits
    if country in NANP and len(plain) == 11 and plain.startswith("1"):
        return f"{plain[0]}-{plain[1:4]}-{plain[4:7]}-{plain[7:]}"
    if country in NANP and len(plain) == 10:
        return f"{plain[:3]}-{plain[3:6]}-{plain[6:]}"
    if len(plain) == 6:
        return f"{plain[:3]} {plain[3:]}" if plain.startswith("1") and country in ("GB", "IE") else digits
    if country == "GB" and len(plain) == 11 and plain.startswith("0"):
        return f"{plain[:4]} {plain[4:7]} {plain[7:]}"
    return digits


# Countries of the North American Numbering Plan: numbers read 1-800-799-7233.
NANP = {"US", "CA", "PR", "AG", "AI", "AS", "BB", "BM", "BS", "DM", "DO", "GD", "GU", "JM", "KN", "KY", "LC",
        "MP", "MS", "SX", "TC", "TT", "VC", "VG", "VI"}
