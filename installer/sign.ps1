# Sign Windows files with signtool (Authenticode, SHA-256, timestamped), for .github/workflows/windows.yml.
#
#   pwsh installer/sign.ps1 dist\kstthc\kstthc.exe [more files]
#
# The certificate comes from the environment, as the workflow's secrets give it: SIGNING_PFX_BASE64 (the .pfx file,
# base64) and SIGNING_PFX_PASSWORD; SIGNING_TIMESTAMP_URL names the timestamp server (the certificate authority's).
# The .pfx is written to the runner's temporary folder for the call only and removed afterwards.
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]] $Files)
$ErrorActionPreference = "Stop"

if (-not $env:SIGNING_PFX_BASE64) { throw "SIGNING_PFX_BASE64 is not set: nothing to sign with" }
if (-not $env:SIGNING_TIMESTAMP_URL) { throw "SIGNING_TIMESTAMP_URL is not set (the certificate authority's timestamp server)" }
$signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
  Sort-Object FullName -Descending | Select-Object -First 1
if (-not $signtool) { throw "signtool.exe not found (Windows SDK)" }

$pfx = Join-Path ($env:RUNNER_TEMP ?? $env:TEMP) "kstthc-signing-$PID.pfx"
[IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:SIGNING_PFX_BASE64))
try {
  & $signtool.FullName sign /f $pfx /p $env:SIGNING_PFX_PASSWORD /fd SHA256 /tr $env:SIGNING_TIMESTAMP_URL /td SHA256 `
    /d "KSTTHC Desktop" @Files
  if ($LASTEXITCODE -ne 0) { throw "signtool sign exited $LASTEXITCODE" }
  & $signtool.FullName verify /pa @Files
  if ($LASTEXITCODE -ne 0) { throw "signtool verify exited $LASTEXITCODE" }
} finally {
  Remove-Item $pfx -Force -ErrorAction SilentlyContinue
}
