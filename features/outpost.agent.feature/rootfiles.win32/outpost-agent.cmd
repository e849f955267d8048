@echo off
rem Starts the Outpost agent, headless, with the Equinox launcher (native launchers are not on Maven
rem Central, so eclipse.ini is not used: JVM options go in OUTPOST_AGENT_JAVA_OPTS).
rem Usage: outpost-agent [--port N] [--bind ADDR] [--data DIR] [--config FILE] [--plain-tcp] [--help]
rem No parenthesized blocks below: a path holding ")" (C:\Program Files (x86)) would end them.
setlocal
set "here=%~dp0"
rem without the trailing backslash, which would escape the closing quote of "%here%"
set "here=%here:~0,-1%"
set "launcher="
for %%f in ("%here%\plugins\org.eclipse.equinox.launcher_*.jar") do set "launcher=%%~ff"
if defined launcher goto found
echo outpost-agent: no Equinox launcher under %here%\plugins: is this an Outpost Agent install? 1>&2
exit /b 1
:found
if not defined JAVA set "JAVA=java"
rem The default VM options of outpost-agent (docs/BENCHMARKS.md, "The agent at rest"), without its
rem -XX:TrimNativeHeapInterval, which trims glibc's heap (Linux only).
if not defined OUTPOST_AGENT_JAVA_OPTS set "OUTPOST_AGENT_JAVA_OPTS=-XX:+UseSerialGC -Xms16m -Xmx64m -XX:MaxNewSize=3m -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:-UsePerfData -Dio.netty.jfr.enabled=false -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.oshi.util.FileUtil=error"
rem The configuration area must be writable. OUTPOST_AGENT_CONFIGURATION moves it elsewhere (a
rem read-only install, a service): it then cascades to the install's configuration.
if defined OUTPOST_AGENT_CONFIGURATION goto cascaded
"%JAVA%" -Djdk.tls.namedGroups=x25519,secp256r1,secp384r1 %OUTPOST_AGENT_JAVA_OPTS% "-Djava.util.logging.config.file=%here%\logging.properties" -jar "%launcher%" -install "%here%" -configuration "%here%\configuration" -consoleLog -application outpost.agent.application %*
exit /b %ERRORLEVEL%
:cascaded
"%JAVA%" -Djdk.tls.namedGroups=x25519,secp256r1,secp384r1 %OUTPOST_AGENT_JAVA_OPTS% "-Djava.util.logging.config.file=%here%\logging.properties" "-Dosgi.sharedConfiguration.area=%here%\configuration" -Dosgi.configuration.cascaded=true -jar "%launcher%" -install "%here%" -configuration "%OUTPOST_AGENT_CONFIGURATION%" -consoleLog -application outpost.agent.application %*
exit /b %ERRORLEVEL%
