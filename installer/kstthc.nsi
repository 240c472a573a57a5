; KSTTHC Desktop - per-user Windows installer (NSIS 3, Unicode, Vietnamese).
;
; Compile against any PyInstaller one-folder bundle:
;   makensis -DBUNDLE_DIR=dist/kstthc -DOUT_FILE=dist/KSTTHC-Desktop-Setup.exe [-DVERSION=0.2.0rc1] installer/kstthc.nsi
; VERSION defaults to __version__ in kstthc_desktop/__init__.py; installer/version_info.py turns it into the four plain
; numbers Windows wants (python3 on PATH, or -DPYTHON=...).
;
; What it does, for the officer who runs it without administrator rights:
; - refuses 32-bit Windows (the program is 64-bit), and a downgrade unless the user confirms it (never when silent);
; - installs into %LOCALAPPDATA%\Programs\KSTTHC Desktop (or where an older version already is: upgrade in place);
; - Start menu shortcuts "KSTTHC Desktop" and "KSTTHC Desktop – dữ liệu mẫu" (the demo), and a desktop shortcut if
;   the box stays ticked;
; - an uninstaller registered for this user (Settings > Apps) under HKCU;
; - never touches the user's data folder %LOCALAPPDATA%\KSTTHC\KSTTHC Desktop (database, evidence files, logs,
;   automatic backups), neither on upgrade nor on uninstall, unless "Xoá cả dữ liệu" is ticked in the uninstaller;
; - neither installs nor uninstalls while the program is running.

!ifdef AMD64
  Target amd64-unicode  ; -DAMD64: a 64-bit installer (the default 32-bit one runs on every Windows)
!else
  Unicode true
!endif
ManifestDPIAware true
RequestExecutionLevel user
!ifdef FAST
  SetCompressor zlib  ; -DFAST: quick compile check (bigger file)
!else
  SetCompressor /SOLID lzma
!endif

; makensis runs in the script's folder (unless /NOCD): work from the repository root instead, so that relative
; BUNDLE_DIR and OUT_FILE are taken from there, as in the command above. With /NOCD they are taken from the
; current folder, and the project's own files are found beside this script.
!if /FileExists "kstthc.nsi"
  !cd ..
  !define REPO "."
!else
  !define REPO "${__FILEDIR__}/.."
!endif

!ifndef BUNDLE_DIR
  !error "Thiếu BUNDLE_DIR: makensis -DBUNDLE_DIR=dist/kstthc -DOUT_FILE=... installer/kstthc.nsi"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "KSTTHC-Desktop-Setup.exe"
!endif
; VERSION_QUAD (four plain numbers: Windows file versions) and VERSION_ORDER (four numbers that sort as versions do,
; for the downgrade check) come from installer/version_info.py, which reads suffixes such as rc1 or .dev2.
!ifndef VERSION_ORDER
  !ifdef NSIS_WIN32_MAKENSIS
    !define /ifndef PYTHON "python"
  !else
    !define /ifndef PYTHON "python3"
  !endif
  !ifdef VERSION
    !define VERSION_ARGUMENT "${VERSION}"
  !else
    !define VERSION_ARGUMENT ""
  !endif
  !tempfile VERSION_NSH
  !system '"${PYTHON}" "${REPO}/installer/version_info.py" --nsis ${VERSION_ARGUMENT} > "${VERSION_NSH}"' = 0
  !include "${VERSION_NSH}"
  !delfile "${VERSION_NSH}"
!endif
!if ! /FileExists "${BUNDLE_DIR}/kstthc.exe"
  !warning "${BUNDLE_DIR} has no kstthc.exe: this installer is only a compile check (not a Windows bundle)"
!endif

!define APP_NAME "KSTTHC Desktop"
!define APP_EXE "kstthc.exe"
; kstthc_desktop.paths.DEMO_SHORTCUT names it for the program's own welcome page
!define DEMO_SHORTCUT "KSTTHC Desktop – dữ liệu mẫu"
!define PUBLISHER "KSTTHC"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
; platformdirs.user_data_dir("KSTTHC Desktop", "KSTTHC", roaming=False), see kstthc_desktop/paths.py
!define DATA_PARENT "$LOCALAPPDATA\KSTTHC"
!define DATA_DIR "${DATA_PARENT}\${APP_NAME}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WordFunc.nsh"
!include "x64.nsh"

Name "${APP_NAME}"
Caption "Cài đặt ${APP_NAME} ${VERSION}"
UninstallCaption "Gỡ ${APP_NAME}"
BrandingText "${APP_NAME} ${VERSION}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"  ; an older version's folder wins: upgrade in place
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "Giấy phép MIT"

; --- pages -----------------------------------------------------------------------------------------------------
!define MUI_ICON "${REPO}/resources/icons/kstthc.ico"
!define MUI_UNICON "${REPO}/resources/icons/kstthc.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài ${APP_NAME} ${VERSION} cho riêng tài khoản này, không cần quyền quản trị.$\r$\n$\r$\nNếu máy đã có phiên bản cũ, phiên bản mới được cài đè lên; dữ liệu đã nhập (kế hoạch, tiến độ, minh chứng, báo cáo) được giữ nguyên.$\r$\n$\r$\nMuốn xem thử trước khi nhập kế hoạch thật: sau khi cài, mở «${DEMO_SHORTCUT}» trong menu Start; chương trình mở trên dữ liệu mẫu và không đụng đến dữ liệu của anh/chị.$\r$\n$\r$\nBấm «Tiếp >» để tiếp tục."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirectoryOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP_NAME} ngay"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"
; NSIS's Vietnamese names the button "Tiến >"; "Tiếp >" is what the welcome text (and an officer) says.
MiscButtonText "< &Quay lại" "&Tiếp >" "Hủy bỏ" "Đón&g"

; --- install ---------------------------------------------------------------------------------------------------
Var Upgrade

Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} chỉ chạy trên Windows 64-bit. Máy này dùng Windows 32-bit nên không cài được; hãy cài trên máy dùng Windows 10 hoặc 11 bản 64-bit." /SD IDOK
    SetErrorLevel 3
    Abort
  ${EndIf}
  Call RefuseDowngrade
  StrCpy $Upgrade 0
  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${APP_EXE}"
    StrCpy $INSTDIR $0
    StrCpy $Upgrade 1
  ${EndIf}
FunctionEnd

; An older program cannot open a database that a newer one has migrated: installing over a newer version needs the
; user's yes (a silent install refuses). Versions compare as installer/version_info.py's VERSION_ORDER; installers
; before 0.2 wrote no VersionOrder, and only plain release versions (X.Y.Z) existed then.
Function RefuseDowngrade
  ReadRegStr $0 HKCU "${UNINST_KEY}" "DisplayVersion"
  ReadRegStr $1 HKCU "${UNINST_KEY}" "VersionOrder"
  ${If} $0 == ""
    Return
  ${EndIf}
  ${If} $1 == ""
    StrCpy $1 "$0.50000"
  ${EndIf}
  ${VersionCompare} "$1" "${VERSION_ORDER}" $2
  ${If} $2 == 1  ; the installed version is newer
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Máy này đang có ${APP_NAME} $0, mới hơn bản ${VERSION} sắp cài.$\r$\n$\r$\nBản cũ hơn có thể không mở được dữ liệu mà bản mới đã nâng cấp. Nên giữ bản $0.$\r$\n$\r$\nVẫn cài bản cũ hơn ${VERSION}?" /SD IDNO IDYES downgrade
    SetErrorLevel 4
    Abort
    downgrade:
  ${EndIf}
FunctionEnd

Function SkipDirectoryOnUpgrade
  ${If} $Upgrade == 1
    Abort  ; keep the folder the older version is in
  ${EndIf}
FunctionEnd

; The program's executable goes first: Windows refuses to delete it while the program runs, so this is the check
; that the program is closed, before anything else is touched. Asks the user to close it; stops when they cancel
; (and always when silent). One for the installer, one for the uninstaller (NSIS wants an "un." copy).
!macro REMOVE_PROGRAM_EXE UN WHAT
  Function ${UN}RemoveProgramExe
    retry:
    ClearErrors
    ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
      Delete "$INSTDIR\${APP_EXE}"
    ${EndIf}
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} đang mở. Hãy đóng chương trình rồi bấm Thử lại (Retry)." /SD IDCANCEL IDRETRY retry
      SetErrorLevel 5
      Abort "Đã dừng ${WHAT}: ${APP_NAME} đang mở."
    ${EndIf}
  FunctionEnd
!macroend
!insertmacro REMOVE_PROGRAM_EXE "" "cài đặt"
!insertmacro REMOVE_PROGRAM_EXE "un." "gỡ chương trình"

; Remove the program files of an older version, and only those: the install folder may hold nothing else of ours,
; and the data folder is elsewhere.
Function RemoveOldProgramFiles
  Call RemoveProgramExe
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
FunctionEnd

Section "${APP_NAME} (bắt buộc)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  Call RemoveOldProgramFiles
  File /r "${BUNDLE_DIR}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  Delete "$DESKTOP\${APP_NAME}.lnk"  ; re-created below only if still wanted
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$SMPROGRAMS\${DEMO_SHORTCUT}.lnk" "$INSTDIR\${APP_EXE}" "--demo" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "Mở ${APP_NAME} trên dữ liệu mẫu (không đụng đến dữ liệu thật)"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "VersionOrder" "${VERSION_ORDER}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Lối tắt trên màn hình nền (Desktop)" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

; --- uninstall -------------------------------------------------------------------------------------------------
Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "un.${APP_NAME}" UnSecProgram
  SectionIn RO
  Call un.RemoveProgramExe  ; first: nothing is removed while the program runs
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${DEMO_SHORTCUT}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: never delete what someone else put there
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Unticked by default, so a plain or silent (/S) uninstall keeps the data for a later reinstall. The automatic
; backups live in the data folder (backups\), so they go too: both texts say so.
Section /o "un.Xoá cả dữ liệu (kế hoạch, tiến độ, minh chứng, nhật ký và các bản sao lưu tự động)" UnSecData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Xoá vĩnh viễn toàn bộ dữ liệu trong ${DATA_DIR}, kể cả các bản sao lưu tự động trong đó? Không thể khôi phục.$\r$\n$\r$\n(Các bản sao lưu anh/chị tự lưu ra nơi khác không bị xoá.)" /SD IDNO IDYES remove
  Return
  remove:
  RMDir /r "${DATA_DIR}"
  RMDir "${DATA_PARENT}"  ; only if empty
SectionEnd
