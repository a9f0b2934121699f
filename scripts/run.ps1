# The main job on the embedded data: data/raw -> data/processed (all frames)
# -> every notebook executed with papermill -> HTML reports in reports/ (index.html).
# Windows' twin of run.sh (tests/test_scripts.py keeps them in step); extra arguments go to
# `sonanalys report`, e.g.: powershell -ExecutionPolicy Bypass -File scripts\run.ps1 --pdf
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
Step .venv\Scripts\sonanalys.exe parse data/raw --out data/processed
Step .venv\Scripts\sonanalys.exe report --out reports --jobs 2 @args
