using System.Runtime.InteropServices;
using SQLitePCL;

namespace Rapport.Data.Bulk;

/// <summary>
/// Direct entry points into the SQLite library Microsoft.Data.Sqlite already loaded (resolved through SQLitePCLRaw's own
/// provider assembly, so it is the same native library, never a second copy). The bulk path binds tens of millions of
/// values: through SQLitePCLRaw each bind is an interface call, a marshalled span and, for text, a copy made by SQLite
/// (SQLITE_TRANSIENT); here a bind is a plain unmanaged call without a GC transition and text is bound in place
/// (SQLITE_STATIC, null destructor) from a pinned buffer that outlives the step reading it.
/// </summary>
internal static unsafe class SqliteNative
{
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int> BindInt64;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int> BindDouble;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int> BindNull;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> BindText;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> BindBlob;
    /// <summary>Runs SQL (with a normal GC transition: a step can take long).</summary>
    public static readonly delegate* unmanaged[Cdecl]<nint, int> Step;
    public static readonly delegate* unmanaged[Cdecl]<nint, int> Reset;
    public static readonly delegate* unmanaged[Cdecl]<nint, int, int, int> Limit;

    static SqliteNative()
    {
        var library = NativeLibrary.Load("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null);
        nint Export(string name) => NativeLibrary.GetExport(library, name);
        BindInt64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int>)Export("sqlite3_bind_int64");
        BindDouble = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int>)Export("sqlite3_bind_double");
        BindNull = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int>)Export("sqlite3_bind_null");
        BindText = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)Export("sqlite3_bind_text");
        BindBlob = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)Export("sqlite3_bind_blob");
        Step = (delegate* unmanaged[Cdecl]<nint, int>)Export("sqlite3_step");
        Reset = (delegate* unmanaged[Cdecl]<nint, int>)Export("sqlite3_reset");
        Limit = (delegate* unmanaged[Cdecl]<nint, int, int, int>)Export("sqlite3_limit");
    }

    /// <summary>SQLITE_LIMIT_VARIABLE_NUMBER: the most parameters one statement may have on this connection.</summary>
    public static int MaxParameters(sqlite3 db) => Limit(db.DangerousGetHandle(), 9, -1);
}
