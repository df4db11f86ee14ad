namespace Millwright.NanoGate.Tests;

/// <summary>Each rule, shown on a small snippet compiled against nanoFramework's mscorlib.</summary>
public sealed class SnippetGateTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void CleanSnippet_Passes()
    {
        var report = Gate("""
            using System;
            using System.Collections;
            using System.Threading;
            namespace Snippet
            {
                public delegate void SampleHandler(object sender, int value);
                public enum Mode : byte { Idle, Sampling }
                public struct Reading { public int Raw; public float Scaled; }
                public interface ISensor { int Read(); }
                public sealed class Sensor : ISensor
                {
                    private static readonly byte[] Table = { 1, 2, 3, 4 };
                    private readonly ArrayList _log = new ArrayList();
                    private readonly object _gate = new object();
                    private Mode _mode;
                    public event SampleHandler Sampled;
                    public event EventHandler Changed;
                    public double Scale { get; set; } = 0.5;
                    public int Read()
                    {
                        lock (_gate)
                        {
                            _mode = Mode.Sampling;
                            var reading = new Reading { Raw = Table[2], Scaled = (float)(Table[2] * Scale) };
                            _log.Add(reading.Raw);
                            Sampled?.Invoke(this, reading.Raw);
                            Changed?.Invoke(this, EventArgs.Empty);
                            SampleHandler local = (sender, value) => _log.Add(value);
                            local(this, 7);
                            return Classify(reading.Raw) == "low" ? 0 : reading.Raw;
                        }
                    }
                    public static string Classify(int raw)
                    {
                        switch (raw) { case 0: return "zero"; case 1: return "low"; default: return "n=" + raw.ToString(); }
                    }
                    public static int Parse(string text)
                    {
                        try { return int.Parse(text); }
                        catch (FormatException) { return -1; }
                        finally { Interlocked.Increment(ref s_calls); }
                    }
                    private static int s_calls;
                }
            }
            """);

        GateAssert.Passes(report);
        Assert.True(report.TypesChecked >= 5);
        Assert.True(report.MethodsChecked >= 10);
    }

    [Fact]
    public void GenericClass_IsRejected()
    {
        var report = Gate("namespace Snippet { public class Box<T> { public T Value; } }");

        GateAssert.Rejects(report, "Snippet.Box`1", GateRules.GenericsCode, "generic type definition (nanoFramework v1 cannot run generics)");
    }

    [Fact]
    public void GenericMethod_IsRejected()
    {
        var report = Gate("namespace Snippet { public static class Util { public static T First<T>(T[] items) { return items[0]; } } }");

        GateAssert.Rejects(report, "Snippet.Util.First", GateRules.GenericsCode, "generic method definition (nanoFramework v1 cannot run generics)");
    }

    [Fact]
    public void ListLikeGenericInstantiation_IsRejected()
    {
        var report = Gate("""
            namespace Snippet
            {
                public class Bag<T> { private T[] _items = new T[4]; private int _count; public void Add(T item) { _items[_count++] = item; } }
                public static class User { public static void Fill() { var bag = new Bag<int>(); bag.Add(1); } }
            }
            """);

        GateAssert.Rejects(report, "Snippet.User.Fill", GateRules.GenericsCode, "generic instantiation Snippet.Bag`1<int>");
    }

    [Fact]
    public void FuncOfInt_IsRejected()
    {
        var report = Gate("""
            namespace Snippet { public static class User { public static int Run() { System.Func<int> next = () => 42; return next(); } } }
            """);

        GateAssert.Rejects(report, "Snippet.User.Run", GateRules.GenericsCode, "generic instantiation System.Func`1<int>");
    }

    [Fact]
    public void ActionOfInt_IsRejected()
    {
        var report = Gate("""
            namespace Snippet { public static class User { public static int Total; public static void Run() { System.Action<int> add = x => Total += x; add(3); } } }
            """);

        GateAssert.Rejects(report, "Snippet.User.Run", GateRules.GenericsCode, "generic instantiation System.Action`1<int>");
    }

    [Fact]
    public void MultidimensionalArray_IsRejected()
    {
        var report = Gate("namespace Snippet { public static class Grid { public static int Corner() { var cells = new int[3, 3]; return cells[2, 2]; } } }");

        GateAssert.Rejects(report, "Snippet.Grid.Corner", GateRules.MultidimensionalArrayCode, "multidimensional array int[,] (nanoFramework has no multidimensional arrays)");
    }

    [Fact]
    public void UnsafePointer_IsRejected()
    {
        var report = Gate("namespace Snippet { public static unsafe class Raw { public static int Peek(int* address) { return *address; } } }");

        GateAssert.Rejects(report, "Snippet.Raw.Peek", GateRules.UnsafeCode, "pointer type int* (nanoFramework v1 cannot run unsafe code)");
    }

    [Fact]
    public void FixedStatement_IsRejected()
    {
        var report = Gate("namespace Snippet { public static unsafe class Raw { public static byte First(byte[] data) { fixed (byte* p = data) { return *p; } } } }");

        GateAssert.Rejects(report, "Snippet.Raw.First", GateRules.UnsafeCode, "pinned local");
    }

    [Fact]
    public void Stackalloc_IsRejected()
    {
        var report = Gate("namespace Snippet { public static unsafe class Raw { public static int Sum() { int* buffer = stackalloc int[4]; buffer[1] = 2; return buffer[1]; } } }");

        GateAssert.Rejects(report, "Snippet.Raw.Sum", GateRules.UnsupportedInstructionCode, "stackalloc (IL localloc, which nanoCLR does not implement)");
    }

    [Fact]
    public void MakeRef_IsRejectedAsUnsupportedInstruction()
    {
        var report = Gate("namespace Snippet { public static class Refs { public static int Get(int value) { var r = __makeref(value); return __refvalue(r, int); } } }");

        GateAssert.Rejects(report, "Snippet.Refs.Get", GateRules.UnsupportedInstructionCode, "IL instruction mkrefany (nanoCLR does not implement it)");
        GateAssert.Rejects(report, "Snippet.Refs.Get", GateRules.SignatureCode, "TypedReference");
    }

    [Fact]
    public void DefaultInterfaceMethod_IsRejected()
    {
        var report = Gate("namespace Snippet { public interface IClock { long Ticks(); long Seconds() { return Ticks() / 10000000; } } }");

        GateAssert.Rejects(report, "Snippet.IClock.Seconds", GateRules.DefaultInterfaceMethodCode, "default interface method");
    }

    [Fact]
    public void InternalCallExtern_IsRejected()
    {
        var report = Gate("""
            using System.Runtime.CompilerServices;
            namespace Snippet { public static class Native { [MethodImpl(MethodImplOptions.InternalCall)] public static extern int Read(); } }
            """);

        GateAssert.Rejects(report, "Snippet.Native.Read", GateRules.NativeMethodCode, "extern method without IL");
    }

    [Fact]
    public void InitOnlySetter_Passes()
    {
        // nanoframework/CoreLibrary#163 added IsExternalInit so that init-only setters work.
        var report = Gate("namespace Snippet { public class Point { public int X { get; init; } public static Point Origin() { return new Point { X = 0 }; } } }");

        GateAssert.Passes(report);
    }

    [Fact]
    public void RequiredModifier_IsRejected()
    {
        // nano mscorlib has no InAttribute; a copy of it lets the compiler emit modreq(InAttribute).
        var report = Gate("""
            namespace System.Runtime.InteropServices { public sealed class InAttribute : System.Attribute { } }
            namespace Snippet { public abstract class Filter { public abstract int Apply(in int sample); } }
            """);

        GateAssert.Rejects(report, "Snippet.Filter.Apply", GateRules.SignatureCode, "custom modifier modreq(System.Runtime.InteropServices.InAttribute)");
    }

    [Fact]
    public void ModernCSharpWithoutGenerics_Passes()
    {
        var report = Gate("""
            namespace Snippet
            {
                public enum Kind { Low, High }
                public sealed class Formatter
                {
                    private string _prefix;
                    public string Describe(int value, Kind kind)
                    {
                        _prefix ??= "v";
                        var size = value switch { < 0 => "negative", 0 => "zero", _ => "positive" };
                        object boxed = value;
                        if (boxed is int n && n > 3) { size += n.ToString(); }
                        static int Twice(int x) => x * 2;
                        var text = $"{_prefix}{Twice(value)}:{kind}";
                        for (var i = 0; i < text.Length; i++) { if (text[i] == ':') { return text.Substring(0, i) + size + nameof(Formatter); } }
                        return text;
                    }
                }
            }
            """);

        GateAssert.Passes(report);
    }

    [Fact]
    public void TypeWithMoreThan255StaticMethods_IsRejected()
    {
        var methods = string.Concat(Enumerable.Range(0, 256).Select(i => $"public static int M{i}() {{ return {i}; }}\n"));
        var report = Gate("namespace Snippet { public static class Big {\n" + methods + "} }");

        GateAssert.Rejects(report, "Snippet.Big", GateRules.LimitCode, "256 static methods (the nanoFramework MetadataProcessor stores at most 255)");
    }

    [Fact]
    public void StringTableOver64K_IsRejected()
    {
        var report = Gate("namespace Snippet { public static class Text { public static string Banner() { return \"" + new string('x', 70000) + "\"; } } }");

        GateAssert.Rejects(report, "Snippet", GateRules.LimitCode, "string table of about");
    }

    [Fact]
    public void ByteCodeOver64K_IsRejected()
    {
        var body = string.Concat(Enumerable.Range(0, 60).Select(i => $"x = x * 31 + {i + 1000};"));
        var methods = string.Concat(Enumerable.Range(0, 200).Select(i => $"public static int M{i}(int x) {{ {body} return x; }}\n"));
        var report = Gate("namespace Snippet { public static class Big {\n" + methods + "} }");

        GateAssert.Rejects(report, "Snippet", GateRules.LimitCode, "byte code of about");
    }

    private GateReport Gate(string source) =>
        GateAssert.Check(NanoCompiler.Compile(source, _scratch.File("Snippet.dll")));
}
