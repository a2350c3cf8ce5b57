"""placeholder"""


def fleet_page_html() -> str:
    return "<!doctype html><title>fleet</title>"
