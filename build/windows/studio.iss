; Inno Setup 6 script: dist\StudioDesktop-<version>-windows-x64-setup.exe from dist\StudioDesktop\.
;
;   python build\build.py
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 build\windows\studio.iss
;
; AppVersion comes from studio_desktop.__version__ (the CI workflow passes it). Installs per user
; by default (no admin prompt); the user can choose "all users" on the first page. Uninstalling
; removes the program and keeps the library (images, history, settings) in %APPDATA% unless the
; user says otherwise when asked.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z build\windows\studio.iss
#endif

#define AppName "Studio Desktop"
#define AppExe "StudioDesktop.exe"
#define Root AddBackslash(SourcePath) + "..\.."

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{5B0E4E3C-6D0A-4F43-9C1E-2A7F4C1D8E61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Studio Desktop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=StudioDesktop-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\resources\icons\studio.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\StudioDesktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The library lives where platformdirs puts it (studio_desktop/core/paths.py):
// %APPDATA%\StudioDesktop\StudioDesktop. A folder chosen with --data-dir or STUDIO_DATA_DIR is
// never touched.
function LibraryDir(): String;
begin
  Result := ExpandConstant('{userappdata}\StudioDesktop\StudioDesktop');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Dir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Dir := LibraryDir();
  // Silent uninstalls (upgrades, scripted removals) always keep the library.
  if UninstallSilent() or not DirExists(Dir) then
    Exit;
  if MsgBox('Studio Desktop has been removed.' + #13#10#13#10 +
            'Also delete my images and history?' + #13#10 + Dir + #13#10#13#10 +
            'Choose No to keep them for a later install (the default).',
            mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    if not DelTree(Dir, True, True, True) then
      MsgBox('Some files could not be deleted; remove the folder by hand:' + #13#10 + Dir,
             mbError, MB_OK);
    // The parent (platformdirs' "author" folder) only ever holds ours; drop it if now empty.
    RemoveDir(ExpandConstant('{userappdata}\StudioDesktop'));
  end;
end;
