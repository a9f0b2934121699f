# The browser the PDF reports and the browser test print with, on Windows: Microsoft Edge
# (on every Windows 10/11) or Google Chrome, found where their installers put them, or the
# one SONANALYS_CHROMIUM names (report/pdf.py, find_chromium). Nothing is downloaded.
# Windows' counterpart of setup-browser.sh, which installs Debian's chromium.
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
Step .venv\Scripts\python.exe -c "import sys; from sonanalys.report.pdf import find_chromium, HOW_TO_GET; b = find_chromium(); print(b or HOW_TO_GET); sys.exit(0 if b else 1)"
