@echo off
rem Starts the Outpost Console with the Equinox launcher (native launchers are not on Maven Central,
rem so eclipse.ini is not used: JVM options go in OUTPOST_JAVA_OPTS).
rem Usage: outpost [--servers FILE.csv] [--tokens FILE] [--known-agents FILE] [--state DIR]
rem No parenthesized blocks below: a path holding ")" (C:\Program Files (x86)) would end them.
setlocal
set "here=%~dp0"
rem without the trailing backslash, which would escape the closing quote of "%here%"
set "here=%here:~0,-1%"
set "servers="
set "tokens="
set "known="
set "statedir="
:parse
if "%~1"=="" goto run
if "%~1"=="--help" goto usage
if "%~1"=="-h" goto usage
if "%~1"=="--servers" goto servers
if "%~1"=="--tokens" goto tokens
if "%~1"=="--known-agents" goto known
if "%~1"=="--state" goto statedir
echo outpost: unknown option '%~1' (try --help) 1>&2
exit /b 2
:servers
if "%~2"=="" goto needsfile
set "servers=%~2"
shift
shift
goto parse
:tokens
if "%~2"=="" goto needsfile
set "tokens=%~2"
shift
shift
goto parse
:known
if "%~2"=="" goto needsfile
set "known=%~2"
shift
shift
goto parse
:statedir
if "%~2"=="" goto needsfile
set "statedir=%~2"
shift
shift
goto parse
:needsfile
echo outpost: %~1 needs a file 1>&2
exit /b 2
:usage
echo Usage: outpost [--servers FILE.csv] [--tokens FILE] [--known-agents FILE] [--state DIR]
echo Starts the Outpost Console.
echo   --servers FILE       server list (default %%USERPROFILE%%\.outpost\servers.csv)
echo   --tokens FILE        read agent tokens from this file, lines host\:port=token; the console
echo                        asks for a token it does not find there and keeps it for this run only
echo   --known-agents FILE  pin agent certificates in this file (known-hosts style)
echo   --state DIR          keep all of the console's state in DIR: the server list (DIR\servers.csv,
echo                        unless --servers), the workspace and secure storage (DIR\secure_storage)
echo Without --tokens and --known-agents, tokens (encrypted, behind a master password) and
echo pinned certificates are kept in Eclipse secure storage, by default the file
echo %%USERPROFILE%%\.eclipse\org.eclipse.equinox.security\secure_storage. A new agent's fingerprint is
echo shown for you to trust before the first connect.
exit /b 0
:run
set "launcher="
for %%f in ("%here%\plugins\org.eclipse.equinox.launcher_*.jar") do set "launcher=%%~ff"
if defined launcher goto found
echo outpost: no Equinox launcher under %here%\plugins: is this an Outpost Console install? 1>&2
exit /b 1
:found
if not defined JAVA set "JAVA=java"
if not defined OUTPOST_JAVA_OPTS set "OUTPOST_JAVA_OPTS=-Xmx512m"
set "state=%OUTPOST_HOME%"
if not defined state set "state=%USERPROFILE%\.outpost"
set "keyring="
if not defined statedir goto nostatedir
if not exist "%statedir%" mkdir "%statedir%"
set "state=%statedir%"
set "keyring=-eclipse.keyring "%statedir%\secure_storage""
if not defined servers set "servers=%statedir%\servers.csv"
:nostatedir
set "configuration=%OUTPOST_CONFIGURATION%"
if not defined configuration set "configuration=%here%\configuration"
set "options="
if defined servers set options="-Doutpost.servers=%servers%"
if defined tokens set options=%options% "-Doutpost.tokens=%tokens%"
if defined known set options=%options% "-Doutpost.knownAgents=%known%"
"%JAVA%" -Djdk.tls.namedGroups=x25519,secp256r1,secp384r1 %OUTPOST_JAVA_OPTS% "-Djava.util.logging.config.file=%here%\logging.properties" %options% -jar "%launcher%" -install "%here%" -configuration "%configuration%" -data "%state%\workspace" -consoleLog -application outpost.app.application -product outpost.app.product %keyring%
exit /b %ERRORLEVEL%
