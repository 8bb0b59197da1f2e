"""`assistance serve` and `openfisca serve` over real HTTP on 127.0.0.1.

Each server runs in a subprocess on a port the OS chooses, and is stopped
by its process id when the module's tests end.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from openfisca_assistance.situation_examples import friendly_example, native_example

REPOSITORY = Path(__file__).resolve().parent.parent
START_TIMEOUT = 120  # seconds; the rules load before the server listens
# Person ids and values that stand for personal data in the log checks.
PERSONAL_ID = "zhang_xiuying"
PERSONAL_WAGE = 1234.56


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(REPOSITORY) + os.pathsep + environment.get("PYTHONPATH", "")
    return environment


class Server:
    """A server subprocess whose output goes to a file, read to find the port it bound."""

    def __init__(self, command: list[str], log: Path, address_pattern: str) -> None:
        self.log = log
        with open(log, "wb") as output:
            self.process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, cwd=REPOSITORY, env=_environment(),
            )
        self.url = self._wait_for_address(address_pattern)

    def _wait_for_address(self, pattern: str) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            match = re.search(pattern, self.output())
            if match:
                return f"http://127.0.0.1:{match.group(1)}"
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"the server did not start; its output:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def request(url: str, path: str, body=None, *, method: str = "POST", raw: bytes | None = None):
    """Send one request; return (status, parsed JSON body)."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    headers = {"Content-Type": "application/json"} if data is not None else {}
    call = urllib.request.Request(url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def assistance_server(tmp_path_factory):
    command = [
        sys.executable, "-c", "from openfisca_assistance.cli import main; main()",
        "serve", "--host", "127.0.0.1", "--port", "0", "--workers", "1",
    ]
    server = Server(command, tmp_path_factory.mktemp("serve") / "server.log", r"listening on http://127\.0\.0\.1:(\d+)")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def url(assistance_server):
    return assistance_server.url


def test_check_native_returns_200(url):
    status, body = request(url, "/check?month=2023-07", native_example())
    assert status == 200
    dibao = body["programs"]["dibao"]
    assert dibao["status"] == "eligible"
    standard = dibao["standard_applied"][0]["value"]
    wage = native_example()["persons"]["applicant"]["wage_income"]["2023-07"]
    assert dibao["amount"] == standard - wage


def test_check_friendly_returns_200(url):
    status, body = request(url, "/check?month=2023-07", friendly_example())
    assert status == 200
    assert body["month"] == "2023-07"
    assert body["programs"]["dibao"]["status"] == "eligible"


def test_check_matches_library(url):
    import openfisca_assistance

    status, body = request(url, "/check?month=2023-07&lang=zh", friendly_example())
    assert status == 200
    assert body == openfisca_assistance.check(friendly_example(), "2023-07", lang="zh").to_dict()


def test_text_in_numeric_field_friendly_returns_400(url):
    situation = friendly_example()
    situation["members"][0]["income"]["wage_income"] = "two thousand"
    status, body = request(url, "/check?month=2023-07", situation)
    assert status == 400
    assert body["error"]["location"] == "members.0.income.wage_income"
    assert body["error"]["fix"]


def test_text_in_numeric_field_native_returns_400(url):
    situation = native_example()
    situation["persons"]["applicant"]["wage_income"] = {"2023-07": "abc"}
    status, body = request(url, "/check?month=2023-07", situation)
    assert status == 400
    assert body["error"]["location"] == "persons.applicant.wage_income.2023-07"
    assert body["error"]["fix"]


def test_unknown_variable_returns_404(url):
    situation = native_example()
    situation["persons"]["applicant"]["wage_incom"] = {"2023-07": 1100}
    status, body = request(url, "/check?month=2023-07", situation)
    assert status == 404
    assert body["error"]["code"] == "unknown_variable"
    assert body["error"]["location"] == "persons.applicant.wage_incom"
    assert "wage_income" in body["error"]["fix"]


def test_explain_unknown_variable_returns_404(url):
    status, body = request(url, "/explain?month=2023-07&variable=no_such_variable", native_example())
    assert status == 404
    assert body["error"]["location"] == "variable"


@pytest.mark.parametrize(("path", "body", "raw", "location"), [
    ("/check?month=2023-13", "friendly", None, "month"),
    ("/check?month=2014-04", "friendly", None, "month"),
    ("/check?month=2023-07&colour=blue", "friendly", None, "query.colour"),
    ("/check?month=2023-07", None, b"{not json", "body, line 1, column 2"),
    ("/check?month=2023-07", None, b"[1, 2]", "body"),
    ("/check?month=2023-07", None, b"", "body"),
    ("/check?month=2023-07&reform=no_such_reform", "friendly", None, "reforms"),
    ("/explain?month=2023-07&depth=two", "friendly", None, "query.depth"),
    ("/compare?month=2023-07", "friendly", None, "reforms"),
    ("/compare?month=2023-07&reform=../reforms/raise.yaml", "friendly", None, "query.reform"),
    ("/check?month=2023-07&reform=a%2Bb", "friendly", None, "query.reform"),
])
def test_bad_request_returns_400(url, path, body, raw, location):
    situation = friendly_example() if body == "friendly" else None
    status, answer = request(url, path, situation, raw=raw)
    assert status == 400
    assert answer["error"]["location"] == location
    assert answer["error"]["fix"]


def test_unknown_programme_returns_404(url):
    status, body = request(url, "/explain?month=2023-07&program=pension", friendly_example())
    assert status == 404
    assert body["error"]["code"] == "unknown_program"


def test_unknown_path_and_method(url):
    status, body = request(url, "/calculate", friendly_example())
    assert status == 404
    assert body["error"]["code"] == "not_found"
    status, body = request(url, "/check", method="GET")
    assert status == 405


def test_explain_returns_failed_conditions(url):
    situation = native_example()
    situation["persons"]["applicant"]["wage_income"] = {"2023-07": 5000}
    status, body = request(url, "/explain?month=2023-07&program=dibao&depth=2", situation)
    assert status == 200
    assert list(body["programs"]) == ["dibao"]
    failed = body["programs"]["dibao"]["failed_conditions"]
    assert [condition["code"] for condition in failed] == ["income_not_below_standard"]
    assert failed[0]["message"]
    assert body["programs"]["dibao"]["trees"][0]["variable"] == failed[0]["variable"]


def test_check_many_reports_every_row(url):
    bad = friendly_example()
    bad["members"][0]["age"] = -3
    status, body = request(url, "/check_many?month=2023-07", {"good": friendly_example(), "bad": bad})
    assert status == 200
    assert body["total"] == 2
    assert [row["id"] for row in body["checked"]] == ["good"]
    assert [row["id"] for row in body["rejected"]] == ["bad"]
    assert body["rejected"][0]["error"]["location"] == "members.0.age"


def test_openapi_spec_lists_endpoints(url):
    status, spec = request(url, "/openapi.json", method="GET")
    assert status == 200
    assert spec["openapi"].startswith("3.")
    assert {"/check", "/check_many", "/compare", "/explain"} <= set(spec["paths"])
    assert "Determination" in spec["components"]["schemas"]
    assert "NativeSituation" in spec["components"]["schemas"]


def test_log_holds_no_personal_data(assistance_server, url):
    situation = friendly_example()
    situation["members"][0]["id"] = PERSONAL_ID
    situation["members"][0]["income"]["wage_income"] = PERSONAL_WAGE
    assert request(url, "/check?month=2023-07", situation)[0] == 200
    native = native_example()
    native["persons"] = {PERSONAL_ID: native["persons"]["applicant"]}
    native["households"]["household"]["members"] = [PERSONAL_ID]
    native["persons"][PERSONAL_ID]["wage_income"] = {"2023-07": "secret text"}
    assert request(url, "/check?month=2023-07", native)[0] == 400
    time.sleep(0.5)  # let the worker flush its log lines
    log = assistance_server.output()
    assert "POST /check 200" in log
    assert "invalid_input at persons.*.wage_income.2023-07" in log
    assert PERSONAL_ID not in log
    assert str(PERSONAL_WAGE) not in log
    assert "secret text" not in log


@pytest.fixture(scope="module")
def openfisca_server(tmp_path_factory):
    openfisca = Path(sys.executable).with_name("openfisca")
    if not openfisca.exists():
        pytest.skip("the openfisca command is not installed beside this Python")
    command = [str(openfisca), "serve", "--country-package", "openfisca_assistance", "--port", "0", "--workers", "1"]
    server = Server(command, tmp_path_factory.mktemp("openfisca") / "server.log",
                    r"Listening at: http://127\.0\.0\.1:(\d+)")
    yield server
    server.stop()


def test_openfisca_serve_spec_has_examples(openfisca_server):
    status, spec = request(openfisca_server.url, "/spec", method="GET")
    assert status == 200
    schemas = spec["components"]["schemas"]
    assert schemas["SituationInput"]["example"] == native_example()
    computed = schemas["SituationOutput"]["example"]["households"]["household"]["dibao_amount"]["2023-07"]
    assert computed > 0
    assert schemas["Variable"]["example"]["id"] == "dibao_amount"


def test_openfisca_serve_calculate(openfisca_server):
    import openfisca_assistance

    status, body = request(openfisca_server.url, "/calculate", native_example())
    assert status == 200
    household = body["households"]["household"]
    library = openfisca_assistance.check(native_example()).programs["dibao"]
    assert household["dibao_eligible"]["2023-07"] is True
    assert household["dibao_amount"]["2023-07"] == library.amount
    assert library.amount > 0


def test_docs_http_examples_run(url):
    text = (REPOSITORY / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = [code for code in re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL) if "urllib" in code]
    assert blocks
    for code in blocks:
        assert "http://127.0.0.1:8000" in code
        exec(compile(code.replace("http://127.0.0.1:8000", url), "docs/api.md", "exec"), {})  # noqa: S102
