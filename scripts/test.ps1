# Everything CI checks: install (the package, its test, lint and type tools: [dev], a
# Chromium-based browser for the browser test), lint, format check, types (mypy), tests. Windows' twin of test.sh (CI runs test.sh;
# tests/test_scripts.py keeps the two in step). Extra arguments go to pytest.
# Run: powershell -ExecutionPolicy Bypass -File scripts\test.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
# a step: a command whose failure stops the script with its exit code (as set -e in bash).
# The exit code alone judges it: Windows PowerShell 5.1 makes every line a program writes
# to stderr an error record, which "Stop" would end the script on whenever the output is
# redirected (a log file, the ISE, a scheduled task), though the program went on and
# succeeded (pip's notices, parse's warnings). A program that cannot start stops it.
function Step {
    $ErrorActionPreference = "Continue"
    $cmd = $args[0]
    $rest = @($args | Select-Object -Skip 1)
    try { & $cmd @rest } catch { Write-Host "fel: $cmd gick inte att starta: $_"; exit 1 }
    if ($LASTEXITCODE) { exit $LASTEXITCODE }  # 0 or none yet: go on
}
Step "$PSScriptRoot\setup.ps1"
Step .venv\Scripts\python.exe -m pip install --quiet -e ".[dev]" -c constraints.txt
Step "$PSScriptRoot\setup-browser.ps1"
Step .venv\Scripts\ruff.exe check lib tests benchmarks scripts
Step .venv\Scripts\ruff.exe format --check lib tests benchmarks scripts
Step .venv\Scripts\mypy.exe lib
Step .venv\Scripts\python.exe -m pytest @args
