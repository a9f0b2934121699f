# Create .venv (if missing) and install sonanalys with its dev tools, at the versions in
# constraints.txt. Idempotent. Windows' twin of setup.sh: tests/test_scripts.py checks that
# both run the same steps with the same flags.
# Run: powershell -ExecutionPolicy Bypass -File scripts\setup.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
# a step: a command whose failure stops the script with its exit code (as set -e in bash)
function Step {
    $cmd = $args[0]
    $rest = @($args | Select-Object -Skip 1)
    & $cmd @rest
    if ($LASTEXITCODE) { exit $LASTEXITCODE }  # 0 or none yet: go on
}
# PYTHON as in setup.sh; else the Python launcher (py) of python.org's installer; else python
$PY = if ($env:PYTHON) { $env:PYTHON } elseif (Get-Command py -ErrorAction SilentlyContinue) { "py" } else { "python" }
if (-not (Test-Path .venv\Scripts\python.exe)) {
    Step $PY -m venv .venv
}
Step .venv\Scripts\python.exe -m pip install --quiet --upgrade pip
Step .venv\Scripts\python.exe -m pip install --quiet -e ".[dev]" -c constraints.txt
