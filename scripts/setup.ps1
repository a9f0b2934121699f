# Create .venv (if missing) and install sonanalys with what parse and report need (its
# runtime dependencies, at the versions in constraints.txt): a user's install. The test,
# lint and type tools ([dev]) are test.ps1's. Idempotent. Windows' twin of setup.sh: tests/test_scripts.py checks that
# both run the same steps with the same flags.
# Run: powershell -ExecutionPolicy Bypass -File scripts\setup.ps1
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
# PYTHON as in setup.sh; else the Python launcher (py) of python.org's installer; else python
$PY = if ($env:PYTHON) { $env:PYTHON } elseif (Get-Command py -ErrorAction SilentlyContinue) { "py" } else { "python" }
# a .venv whose Python is gone (uninstalled, or replaced by another version) is made again:
# its python.exe is still there but says "No Python at ..." and every later step fails
if (Test-Path .venv\Scripts\python.exe) {
    $ErrorActionPreference = "Continue"
    try { & .venv\Scripts\python.exe -c "pass" *> $null; $works = ($LASTEXITCODE -eq 0) }
    catch { $works = $false }
    $ErrorActionPreference = "Stop"
    if (-not $works) { Remove-Item -Recurse -Force .venv }
}
if (-not (Test-Path .venv\Scripts\python.exe)) {
    Step $PY -m venv .venv
}
Step .venv\Scripts\python.exe -m pip install --quiet --upgrade pip
Step .venv\Scripts\python.exe -m pip install --quiet -e . -c constraints.txt
