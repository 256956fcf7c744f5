; Inno Setup script: Setup.exe for Windows, with a Start-menu entry, an optional desktop icon
; and an uninstaller (Settings > Apps). Built by .github/workflows/package.yml after
; PyInstaller has made dist\Rekindle:
;   iscc /DAppVersion=0.1.0 packaging\windows\rekindle.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6E0F5C2A-3B7D-4E59-9A51-7C1D2E8B4F10}
AppName=Rekindle
AppVersion={#AppVersion}
AppPublisher=Rekindle developers
DefaultDirName={autopf}\Rekindle
DefaultGroupName=Rekindle
DisableProgramGroupPage=yes
; Per-user install by default (no administrator rights needed); an administrator may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\rekindle.ico
UninstallDisplayIcon={app}\Rekindle.exe
OutputDir=..\..\dist
OutputBaseFilename=Rekindle-{#AppVersion}-Setup
Compression=lzma2/fast
SolidCompression=no
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\Rekindle\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Rekindle"; Filename: "{app}\Rekindle.exe"
Name: "{autodesktop}\Rekindle"; Filename: "{app}\Rekindle.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Rekindle.exe"; Description: "{cm:LaunchProgram,Rekindle}"; Flags: nowait postinstall skipifsilent
