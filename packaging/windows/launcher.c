/* callcheck.exe / callcheck-gui.exe: start CallCheck with the Python next to it.
 *
 * The Windows installer ships the python.org embeddable CPython unmodified in python\ and the
 * app with its dependencies in lib\ (packaging/build-windows.sh). This launcher is all that is
 * compiled for it: it runs
 *     <own folder>\python\python.exe  -I -c "<entry>" <own arguments, verbatim>
 * (pythonw.exe for the windowed build, -DCALLCHECK_GUI), waits, and returns Python's exit code.
 * -I (isolated): PYTHON* variables, the user's site-packages and the current folder never
 * reach sys.path; python311._pth fixes sys.path to the stdlib zip and lib\.
 *
 * Why a child process rather than embedding python311.dll: python.exe stays the signed,
 * unmodified python.org binary (sys.executable is a real interpreter, as multiprocessing
 * expects), and the launcher needs no Python headers. A job object with KILL_ON_JOB_CLOSE
 * ends Python when the launcher is ended (Task Manager, a CI timeout), so no orphan keeps the
 * installation folder busy; Ctrl+C reaches both through the shared console, and the launcher
 * ignores it and waits for Python's own exit code.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -municode [-mwindows -DCALLCHECK_GUI] launcher.c
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <wchar.h>

#ifdef CALLCHECK_GUI
#define PYTHON_EXE L"pythonw.exe"
#define ENTRY L"import sys; from callcheck.gui.app import run_gui; sys.exit(run_gui(sys.argv[1:]))"
#else
#define PYTHON_EXE L"python.exe"
#define ENTRY L"import sys; from callcheck.launcher import main; sys.exit(main())"
#endif

static void fail(const wchar_t *what)
{
    wchar_t msg[512];
    _snwprintf(msg, 511, L"CallCheck could not start: %ls (Windows error %lu). "
               L"Reinstalling CallCheck should repair it.", what, GetLastError());
    msg[511] = 0;
#ifdef CALLCHECK_GUI
    MessageBoxW(NULL, msg, L"CallCheck", MB_ICONERROR | MB_OK);
#else
    DWORD n;
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    if (!WriteConsoleW(err, msg, (DWORD)wcslen(msg), &n, NULL)) {
        char utf8[1024];
        int len = WideCharToMultiByte(CP_UTF8, 0, msg, -1, utf8, sizeof utf8, NULL, NULL);
        if (len > 1) WriteFile(err, utf8, (DWORD)len - 1, &n, NULL);
    }
    WriteFile(err, "\r\n", 2, &n, NULL);
#endif
    ExitProcess(120);
}

/* The arguments after the program name, exactly as the caller quoted them (the same rule as
 * CommandLineToArgvW for argv[0]: up to the closing quote, else up to the first blank). */
static const wchar_t *own_arguments(void)
{
    const wchar_t *p = GetCommandLineW();
    if (*p == L'"') {
        for (++p; *p && *p != L'"'; ++p) {}
        if (*p) ++p;
    } else {
        for (; *p && *p != L' ' && *p != L'\t'; ++p) {}
    }
    while (*p == L' ' || *p == L'\t') ++p;
    return p;
}

int wmain(void)
{
    wchar_t dir[MAX_PATH * 4];
    DWORD len = GetModuleFileNameW(NULL, dir, MAX_PATH * 4);
    if (len == 0 || len >= MAX_PATH * 4) fail(L"its own path is unreadable");
    wchar_t *slash = wcsrchr(dir, L'\\');
    if (!slash) fail(L"its own path has no folder");
    *slash = 0;

    const wchar_t *args = own_arguments();
    size_t size = wcslen(dir) * 2 + wcslen(args) + wcslen(ENTRY) + 64;
    wchar_t *python = HeapAlloc(GetProcessHeap(), 0, (wcslen(dir) + 32) * sizeof(wchar_t));
    wchar_t *cmd = HeapAlloc(GetProcessHeap(), 0, size * sizeof(wchar_t));
    if (!python || !cmd) fail(L"out of memory");
    _snwprintf(python, wcslen(dir) + 32, L"%ls\\python\\" PYTHON_EXE, dir);
    _snwprintf(cmd, size, L"\"%ls\" -I -c \"%ls\"%ls%ls", python, ENTRY, *args ? L" " : L"", args);
    if (GetFileAttributesW(python) == INVALID_FILE_ATTRIBUTES) fail(L"python\\" PYTHON_EXE L" is missing");

    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (job) {
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
        ZeroMemory(&limits, sizeof limits);
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof limits);
    }
    SetConsoleCtrlHandler(NULL, TRUE);

    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    if (!CreateProcessW(python, cmd, NULL, NULL, TRUE, CREATE_SUSPENDED, NULL, NULL, &si, &pi))
        fail(L"python\\" PYTHON_EXE L" did not start");
    if (job) AssignProcessToJobObject(job, pi.hProcess); /* may fail inside another job: harmless */
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    return (int)code;
}
