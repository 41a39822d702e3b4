"""`curl_cffi.requests` without curl: every call raises (see the package docstring)."""


class CurlCffiNotBundled(RuntimeError):
    pass


def _missing(*_args, **_kwargs):
    raise CurlCffiNotBundled("curl_cffi is not in the packaged Huohua (akshare functions that need it are not used)")


get = post = put = delete = head = options = patch = request = _missing


class Session:
    def __init__(self, *_args, **_kwargs):
        _missing()


AsyncSession = Session
