# The browser the PDF reports and the browser test print with, on Windows: Microsoft Edge
# (on every Windows 10/11) or Google Chrome, found where their installers put them, or the
# one SONANALYS_CHROMIUM names (report/pdf.py, find_chromium). Nothing is downloaded.
# Windows' counterpart of setup-browser.sh, which installs Debian's chromium.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
function Step {
    $cmd = $args[0]
    $rest = @($args | Select-Object -Skip 1)
    & $cmd @rest
    if ($LASTEXITCODE) { exit $LASTEXITCODE }  # 0 or none yet: go on
}
Step .venv\Scripts\python.exe -c "import sys; from sonanalys.report.pdf import find_chromium, HOW_TO_GET; b = find_chromium(); print(b or HOW_TO_GET); sys.exit(0 if b else 1)"
