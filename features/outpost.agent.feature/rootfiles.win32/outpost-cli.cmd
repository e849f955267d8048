@echo off
rem Sends a command to Outpost agents and prints the answers (outpost-cli --help for the options).
rem JVM options go in OUTPOST_CLI_JAVA_OPTS.
rem No parenthesized blocks below: a path holding ")" (C:\Program Files (x86)) would end them.
setlocal
set "here=%~dp0"
rem without the trailing backslash, which would escape the closing quote of "%here%"
set "here=%here:~0,-1%"
set "launcher="
for %%f in ("%here%\plugins\org.eclipse.equinox.launcher_*.jar") do set "launcher=%%~ff"
if defined launcher goto found
echo outpost-cli: no Equinox launcher under %here%\plugins: is this an Outpost Agent install? 1>&2
exit /b 1
:found
if not defined JAVA set "JAVA=java"
if not defined OUTPOST_CLI_JAVA_OPTS set "OUTPOST_CLI_JAVA_OPTS=-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
rem A configuration area of its own, per install folder (cascading to the install's, which Equinox
rem re-reads when the install changes), so the client runs beside a running agent and from a
rem read-only install.
set "key=%here::=%"
set "key=%key:\=_%"
set "key=%key: =_%"
set "configuration=%OUTPOST_CLI_CONFIGURATION%"
if not defined configuration set "configuration=%LOCALAPPDATA%\outpost\cli-%key%"
"%JAVA%" -Djdk.tls.namedGroups=x25519,secp256r1,secp384r1 %OUTPOST_CLI_JAVA_OPTS% "-Djava.util.logging.config.file=%here%\logging.properties" "-Dosgi.sharedConfiguration.area=%here%\configuration" -Dosgi.configuration.cascaded=true -jar "%launcher%" -install "%here%" -configuration "%configuration%" -application outpost.cli.application %*
exit /b %ERRORLEVEL%
