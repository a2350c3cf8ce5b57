; NSIS 3 installer for CallCheck on Windows, built on Linux by packaging/build-windows.sh:
;
;   makensis -DVERSION=0.1.0 -DBUILD=abc1234 -DSTAGE=build/windows/stage -DOUTFILE=dist/CallCheck-0.1.0-setup.exe callcheck.nsi
;
; Per-user install, no admin rights: %LOCALAPPDATA%\Programs\CallCheck, a Start-menu entry in
; the user's own Start menu, the uninstaller registered under HKCU (Settings > Apps lists it).
;
; Silent install for IT deployment (no windows, no questions):
;   CallCheck-0.1.0-setup.exe /S [/D=C:\Tools\CallCheck]      (/D last, unquoted, even with spaces)
; Silent uninstall:
;   "%LOCALAPPDATA%\Programs\CallCheck\uninstall.exe" /S
; Exit codes: 0 success, 1 cancelled, 2 aborted on an error.
;
; The installed layout (STAGE): callcheck.exe, callcheck-gui.exe (launchers), python\ (the
; python.org embeddable CPython, unmodified, plus python311._pth), lib\ (CallCheck and its
; dependencies), licenses\, THIRD_PARTY_NOTICES.txt.

; A 64-bit installer: CallCheck is x64 only, and a 64-bit setup.exe also runs where 32-bit
; programs cannot (Wine without wine32, Windows on ARM's x64 emulation, Server Core without WOW64).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64
; Reproducible output: no build-time timestamp of the build machine's files in the installer.
SetDateSave off

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef BUILD
  !define BUILD "local"
!endif
!ifndef STAGE
  !error "pass -DSTAGE=<the staged installation folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "CallCheck-${VERSION}-setup.exe"
!endif

!define APP "CallCheck"
; The uninstall key's name: fixed, so a new version installs over the old one in place.
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CallCheck"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION} (build ${BUILD})"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION} (build ${BUILD})"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "CompanyName" "${APP}"
VIAddVersionKey "LegalCopyright" "Apache-2.0; third-party notices in THIRD_PARTY_NOTICES.txt"

!include "MUI2.nsh"
!define MUI_ICON "callcheck.ico"
!define MUI_UNICON "callcheck.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\callcheck-gui.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP}"
!insertmacro MUI_PAGE_LICENSE "${STAGE}\licenses\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "CallCheck" main
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the whole runtime: no file of an older version is left behind to be
  ; imported by mistake.
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\licenses"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\callcheck-gui.exe" "" "$INSTDIR\callcheck-gui.exe" 0 \
      SW_SHOWNORMAL "" "Test how your calls sound"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Comments" "build ${BUILD}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\callcheck-gui.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${INSTALLED_KB}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; Only what the installer put there (and the bytecode caches Python may add under lib\ and
  ; python\): never "RMDir /r $INSTDIR", which would empty a folder the user chose with /D.
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\callcheck.exe"
  Delete "$INSTDIR\callcheck-gui.exe"
  Delete "$INSTDIR\THIRD_PARTY_NOTICES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; The user's own reports and settings (platformdirs: %LOCALAPPDATA%\CallCheck) are kept, as
  ; every uninstaller keeps documents.
SectionEnd
