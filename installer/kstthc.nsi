; KSTTHC Desktop - per-user Windows installer (NSIS 3, Unicode, Vietnamese).
;
; Compile against any PyInstaller one-folder bundle:
;   makensis -DBUNDLE_DIR=dist/kstthc -DOUT_FILE=dist/KSTTHC-Desktop-Setup.exe [-DVERSION=0.1.0] installer/kstthc.nsi
; VERSION defaults to __version__ in kstthc_desktop/__init__.py.
;
; What it does, for the officer who runs it without administrator rights:
; - installs into %LOCALAPPDATA%\Programs\KSTTHC Desktop (or where an older version already is: upgrade in place);
; - a Start menu shortcut "KSTTHC Desktop", and a desktop shortcut if the box stays ticked;
; - an uninstaller registered for this user (Settings > Apps) under HKCU;
; - never touches the user's data folder %LOCALAPPDATA%\KSTTHC\KSTTHC Desktop (database, evidence files, logs),
;   neither on upgrade nor on uninstall, unless "Xoá cả dữ liệu" is ticked in the uninstaller.

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
!ifndef VERSION
  !searchparse /file "${REPO}/kstthc_desktop/__init__.py" `__version__ = "` VERSION `"`
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"  ; Windows file versions have four numbers
!endif
!if ! /FileExists "${BUNDLE_DIR}/kstthc.exe"
  !warning "${BUNDLE_DIR} has no kstthc.exe: this installer is only a compile check (not a Windows bundle)"
!endif

!define APP_NAME "KSTTHC Desktop"
!define APP_EXE "kstthc.exe"
!define PUBLISHER "KSTTHC"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
; platformdirs.user_data_dir("KSTTHC Desktop", "KSTTHC", roaming=False), see kstthc_desktop/paths.py
!define DATA_PARENT "$LOCALAPPDATA\KSTTHC"
!define DATA_DIR "${DATA_PARENT}\${APP_NAME}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

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

!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài ${APP_NAME} ${VERSION} cho riêng tài khoản này, không cần quyền quản trị.$\r$\n$\r$\nNếu máy đã có phiên bản cũ, phiên bản mới được cài đè lên; dữ liệu đã nhập (kế hoạch, tiến độ, minh chứng, báo cáo) được giữ nguyên.$\r$\n$\r$\nBấm Tiếp để tiếp tục."
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

; --- install ---------------------------------------------------------------------------------------------------
Var Upgrade

Function .onInit
  SetShellVarContext current
  StrCpy $Upgrade 0
  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${APP_EXE}"
    StrCpy $INSTDIR $0
    StrCpy $Upgrade 1
  ${EndIf}
FunctionEnd

Function SkipDirectoryOnUpgrade
  ${If} $Upgrade == 1
    Abort  ; keep the folder the older version is in
  ${EndIf}
FunctionEnd

; Remove the program files of an older version, and only those: the install folder may hold nothing else of ours,
; and the data folder is elsewhere. Asks the user to close the program while its files are in use.
Function RemoveOldProgramFiles
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    Delete "$INSTDIR\${APP_EXE}"
  ${EndIf}
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} đang mở. Hãy đóng chương trình rồi bấm Thử lại (Retry)." /SD IDCANCEL IDRETRY retry
    Abort "Đã dừng cài đặt: ${APP_NAME} đang mở."
  ${EndIf}
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

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
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
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$INSTDIR\${APP_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: never delete what someone else put there
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Unticked by default, so a plain or silent (/S) uninstall keeps the data for a later reinstall.
Section /o "un.Xoá cả dữ liệu (kế hoạch, tiến độ, minh chứng, nhật ký)" UnSecData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Xoá vĩnh viễn toàn bộ dữ liệu trong ${DATA_DIR}? Không thể khôi phục." /SD IDNO IDYES remove
  Return
  remove:
  RMDir /r "${DATA_DIR}"
  RMDir "${DATA_PARENT}"  ; only if empty
SectionEnd
