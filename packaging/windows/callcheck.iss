; Inno Setup 6 script for CallCheck on Windows (built by packaging/ci/build-installers.yml).
;
;   iscc /DAppVersion=0.1.0 /DBuildId=abc1234 /DBundleDir=..\..\dist\callcheck packaging\windows\callcheck.iss
;
; Per-user install without admin rights (PrivilegesRequired=lowest: %LOCALAPPDATA%\Programs\CallCheck,
; Start-menu entry under the user's profile); an admin can still choose "install for all users"
; in the dialog, or with /ALLUSERS on the command line.
;
; Silent install for IT deployment (no windows, no message boxes, no reboot):
;   CallCheck-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS] [/DIR="C:\Tools\CallCheck"] [/LOG="%TEMP%\callcheck-setup.log"]
; Silent uninstall:
;   "%LOCALAPPDATA%\Programs\CallCheck\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Exit codes: 0 success; see Inno Setup's "Setup Exit Codes" for the rest.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BuildId
  #define BuildId "local"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\callcheck"
#endif

[Setup]
; A fixed AppId keeps upgrades in place; never change it.
AppId={{6E0C5C1B-6B0F-4E39-9C8B-2B7F0C9A51D4}
AppName=CallCheck
AppVersion={#AppVersion}
AppVerName=CallCheck {#AppVersion} (build {#BuildId})
AppPublisher=CallCheck
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\CallCheck
DefaultGroupName=CallCheck
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=CallCheck-{#AppVersion}-setup
SetupIconFile=callcheck.ico
UninstallDisplayIcon={app}\callcheck-gui.exe
UninstallDisplayName=CallCheck {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\licenses\README.md
CloseApplications=yes
RestartApplications=no
; The per-user PATH entry below needs the environment change broadcast.
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the callcheck command to PATH (for scripts and the helpdesk)"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\CallCheck"; Filename: "{app}\callcheck-gui.exe"; Comment: "Test how your calls sound"
Name: "{group}\Uninstall CallCheck"; Filename: "{uninstallexe}"
Name: "{autodesktop}\CallCheck"; Filename: "{app}\callcheck-gui.exe"; Tasks: desktopicon

[Registry]
; The user's own PATH (HKCU), also for an all-users install: no admin rights needed to change it.
; Uninstalling leaves the entry (harmless: the folder is gone).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; \
    ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\callcheck-gui.exe"; Description: "{cm:LaunchProgram,CallCheck}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python bytecode caches or logs the app may have written next to itself.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
