@echo off
rem Sends a command to Outpost agents and prints the answers (outpost-cli --help for the options).
rem JVM options go in OUTPOST_CLI_JAVA_OPTS.
rem No parenthesized blocks below: a path holding ")" (C:\Program Files (x86)) would end them.
setlocal
set "here=%~dp0"
rem without the trailing backslash, which would escape the closing quote of "%here%"
set "here=%here:~0,-1%"
set "cli="
rem A run asks once and exits, so it starts no OSGi framework: the client's bundles go on a plain
rem class path and outpost.cli.internal.CliMain wires them by their constructors.
set "classpath="
for %%b in (outpost.cli outpost.client outpost.protocol outpost.servers outpost.transport outpost.files outpost.broker outpost.metrics org.eclipse.paho.mqttv5.client io.netty.tcnative-classes outpost.tcnative com.google.gson org.apache.commons.commons-csv org.apache.commons.commons-io org.apache.commons.commons-codec io.netty.common io.netty.buffer io.netty.resolver io.netty.transport io.netty.codec-base io.netty.handler) do call :add "%%b"
if defined cli goto found
echo outpost-cli: no outpost.cli bundle under %here%\plugins: is this an Outpost Agent install? 1>&2
exit /b 1
:found
if not defined JAVA set "JAVA=java"
rem BoringSSL's library from the install's platform fragment, loaded by outpost.tcnative
set "library_path="
for /d %%d in ("%here%\plugins\outpost.tcnative.*_*") do if exist "%%~fd\native" set "library_path=-Djava.library.path=%%~fd\native"
rem The default VM options of the shell script (no class-data archive on Windows yet).
if not defined OUTPOST_CLI_JAVA_OPTS set "OUTPOST_CLI_JAVA_OPTS=-Djdk.tls.namedGroups=x25519,secp256r1,secp384r1 -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:-UsePerfData -Dio.netty.jfr.enabled=false"
"%JAVA%" %OUTPOST_CLI_JAVA_OPTS% %library_path% "-Djava.util.logging.config.file=%here%\logging.properties" -cp "%classpath%" outpost.cli.internal.CliMain %*
exit /b %ERRORLEVEL%

:add
for %%f in ("%here%\plugins\%~1_*.jar") do call :append "%%~ff" "%~1"
exit /b 0

:append
if "%~2"=="outpost.cli" set "cli=1"
if defined classpath goto append_more
set "classpath=%~1"
exit /b 0
:append_more
set "classpath=%classpath%;%~1"
exit /b 0
