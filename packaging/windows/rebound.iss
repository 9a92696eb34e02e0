; Inno Setup script for Rebound's Windows installer (Inno Setup 6).
;
; Built by `uv run python packaging/build.py`, which runs, after PyInstaller:
;   iscc /DAppVersion=X.Y.Z /DBundleDir=dist\Rebound /DOutputDir=dist\installer rebound.iss
;
; Per-user by default: no administrator rights, installed under
; %LOCALAPPDATA%\Programs\Rebound; the first page offers "all users" to those who
; can elevate. The user's data lives elsewhere (%LOCALAPPDATA%\Rebound, see
; desktop/paths.py) and is never touched by an upgrade or an uninstall.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z rebound.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\Rebound"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist\installer"
#endif
#define AppName "Rebound"
#define AppExe "Rebound.exe"

[Setup]
; Fixed forever: Windows finds the installed copy by it, so a new version
; upgrades in place instead of installing beside it.
AppId={{D0CFBEF4-4C31-4251-98AC-4743898526BE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Rebound
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-Setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\rebound.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoCompany=Rebound
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running Rebound (Restart Manager) before replacing its files.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's libraries, so none linger after an upgrade. Only the
; program folder: the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; The daily reminder (File → Reminders…, or `rebound reminders install`) is a task of
; the user's own; uninstalling takes it away. No task: schtasks says so, and the
; uninstaller goes on.
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /TN ""Rebound reminders"" /F"; Flags: runhidden; RunOnceId: "DeleteReminderTask"

; No [UninstallDelete]: the uninstaller removes only what [Files] installed.
; %LOCALAPPDATA%\Rebound (the database, backups, log) belongs to the user and
; stays, so reinstalling finds everything where it was.
