// Generates data/reference/translit.tsv: each BMP character that ICU 72's "Any-Latin; Latin-ASCII; Lower()"
// turns into something else, with what it becomes. Run on Debian 12 (libicu72):
//   dotnet run scripts/name-tables/translit.cs > src/Vigil.Core/Matching/translit.tsv
// The engine reads the table, so Vigil needs no ICU of a given version at run time.
#:property AllowUnsafeBlocks=true
#:property PublishAot=false
using System.Runtime.InteropServices;
using System.Text;

unsafe
{
    var id = "Any-Latin; Latin-ASCII; Lower()";
    int err = 0;
    IntPtr t;
    fixed (char* p = id) { t = Icu.utrans_openU_72(p, id.Length, 0, null, 0, IntPtr.Zero, &err); }
    if (err > 0) { throw new InvalidOperationException("utrans_openU " + err); }
    var sb = new StringBuilder();
    var buf = new char[64];
    for (int c = 0x80; c <= 0xFFFF; c++)
    {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        var cat = char.GetUnicodeCategory((char)c);
        if (cat is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.PrivateUse) continue;
        buf[0] = (char)c;
        int len = 1, limit = 1;
        err = 0;
        fixed (char* b = buf) { Icu.utrans_transUChars_72(t, b, &len, buf.Length, 0, &limit, &err); }
        if (err > 0) continue;
        var s = new string(buf, 0, len);
        if (s.Length == 1 && s[0] == c) continue;
        if (s.Any(ch => ch > 0x7F || ch == '\t' || ch == '\n' || ch == '\r')) continue;
        sb.Append(((int)c).ToString("X4")).Append('\t').Append(s).Append('\n');
    }
    Console.Out.Write(sb.ToString());
}

static unsafe class Icu
{
    [DllImport("libicui18n.so.72")]
    public static extern IntPtr utrans_openU_72(char* id, int idLength, int dir, char* rules, int rulesLength, IntPtr parseError, int* status);

    [DllImport("libicui18n.so.72")]
    public static extern void utrans_transUChars_72(IntPtr trans, char* text, int* textLength, int textCapacity, int start, int* limit, int* status);
}
