@echo off
rem Windows: the same test command as ./test.sh, without the Debian packages. Install LibreOffice (soffice), poppler
rem (pdftoppm) and Chromium yourself first; the letter render test and the browser tests need them.
cd /d "%~dp0"
if not exist node_modules\azurite call npm ci --no-audit --no-fund || exit /b 1
dotnet test MigrationAgenda.sln %*
