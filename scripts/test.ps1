# Everything CI checks: install (Python packages, a Chromium-based browser for the browser
# test), lint, format check, types (mypy), tests. Windows' twin of test.sh (CI runs test.sh;
# tests/test_scripts.py keeps the two in step). Extra arguments go to pytest.
# Run: powershell -ExecutionPolicy Bypass -File scripts\test.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
# a step: a command whose failure stops the script with its exit code (as set -e in bash)
function Step {
    $cmd = $args[0]
    $rest = @($args | Select-Object -Skip 1)
    & $cmd @rest
    if ($LASTEXITCODE) { exit $LASTEXITCODE }  # 0 or none yet: go on
}
Step "$PSScriptRoot\setup.ps1"
Step "$PSScriptRoot\setup-browser.ps1"
Step .venv\Scripts\ruff.exe check lib tests benchmarks scripts
Step .venv\Scripts\ruff.exe format --check lib tests benchmarks scripts
Step .venv\Scripts\mypy.exe lib
Step .venv\Scripts\python.exe -m pytest @args
