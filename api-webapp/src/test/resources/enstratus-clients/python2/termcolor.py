"""Output-only stand-in for termcolor: text without colours."""


def colored(text, color=None, on_color=None, attrs=None):
    return text


def cprint(text, color=None, on_color=None, attrs=None, **kwargs):
    print(colored(text))
