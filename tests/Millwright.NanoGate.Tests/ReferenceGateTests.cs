using System.Reflection;

namespace Millwright.NanoGate.Tests;

/// <summary>Assembly references, and type and member references resolved against nanoFramework's mscorlib.</summary>
public sealed class ReferenceGateTests : IDisposable
{
    private const string HelperSource = "namespace Helper { public static class Scale { public static int Double(int x) { return 2 * x; } } }";
    private const string UserSource = "namespace Snippet { public static class User { public static int Run() { return Helper.Scale.Double(21); } } }";

    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ReferenceToAnotherAssembly_IsRejected()
    {
        var helper = NanoCompiler.Compile(HelperSource, _scratch.File("Helper.dll"));
        var user = NanoCompiler.Compile(UserSource, _scratch.File("Snippet.dll"), references: helper);

        var report = GateAssert.Check(user);

        GateAssert.Rejects(report, "Snippet", GateRules.AssemblyReferenceCode, "assembly reference Helper 0.0.0.0 (only mscorlib and our gated nano assemblies may be referenced)");
    }

    [Fact]
    public void ReferenceToAllowedGatedAssembly_Passes()
    {
        var helper = NanoCompiler.Compile(HelperSource, _scratch.File("Helper.dll"));
        var user = NanoCompiler.Compile(UserSource, _scratch.File("Snippet.dll"), references: helper);

        GateAssert.Passes(GateAssert.Check(user, helper));
    }

    [Fact]
    public void MissingMemberOfAllowedAssembly_IsRejected()
    {
        // Compiled against one Helper, gated against another that lacks Scale.Double(int).
        var compiledAgainst = NanoCompiler.Compile(HelperSource, _scratch.File("Helper.dll"));
        var user = NanoCompiler.Compile(UserSource, _scratch.File("Snippet.dll"), references: compiledAgainst);
        Directory.CreateDirectory(_scratch.File("other"));
        var shipped = NanoCompiler.Compile("namespace Helper { public static class Scale { public static long Double(long x) { return 2 * x; } } }", _scratch.File("other/Helper.dll"));

        var report = GateAssert.Check(user, shipped);

        GateAssert.Rejects(report, "Snippet.User.Run", GateRules.MissingMemberCode, "member Helper.Scale::Double : static int(int) does not exist in Helper 0.0.0.0");
    }

    [Fact]
    public void AllowedReferenceThatIsNotNano_IsRejected()
    {
        var other = NanoCompiler.Compile("namespace Other { public static class Thing { public static int One() { return 1; } } }", _scratch.File("Other.dll"));
        var helper = NanoCompiler.Compile(
            "namespace Helper { public static class Scale { public static int Double(int x) { return 2 * x * Other.Thing.One(); } } }",
            _scratch.File("Helper.dll"),
            references: other);
        var user = NanoCompiler.Compile(UserSource, _scratch.File("Snippet.dll"), references: helper);

        var report = GateAssert.Check(user, helper);

        GateAssert.Rejects(report, "Helper", GateRules.AssemblyReferenceCode, "allowed reference is not a nano assembly: it references Other");
    }

    [Fact]
    public void TypesAndMembersMissingFromNanoMscorlib_AreRejected()
    {
        // A corlib that has more than nanoFramework's: code compiled against it must not pass.
        var version = AssemblyName.GetAssemblyName(GatePaths.NanoMscorlib).Version;
        var corlib = NanoCompiler.CompileCorlib(
            $$"""
            [assembly: System.Reflection.AssemblyVersion("{{version}}")]
            namespace System
            {
                public class Object { }
                public abstract class ValueType { }
                public struct Void { }
                public struct Boolean { }
                public struct Int32 { }
                public sealed class String { }
                public abstract class Attribute { }
                public abstract class Enum : ValueType { }
                public enum AttributeTargets { All = 32767 }
                public sealed class AttributeUsageAttribute : Attribute
                {
                    public AttributeUsageAttribute(AttributeTargets validOn) { }
                    public bool AllowMultiple { get; set; }
                    public bool Inherited { get; set; }
                }
                public static class Console
                {
                    public static void Beep(int frequency) { }
                    public static void WriteLine(string format, string argument) { }
                }
            }
            namespace System.Text { public sealed class StringBuilder { } }
            namespace System.Reflection
            {
                public sealed class AssemblyVersionAttribute : Attribute { public AssemblyVersionAttribute(string version) { } }
            }
            """,
            _scratch.File("mscorlib.dll"));
        var user = NanoCompiler.Compile(
            """
            namespace Snippet
            {
                public static class User
                {
                    public static object Run() { System.Console.Beep(440); System.Console.WriteLine("{0}", "x"); return new System.Text.StringBuilder(); }
                }
            }
            """,
            _scratch.File("Snippet.dll"),
            corlibPath: corlib);

        var report = GateAssert.Check(user);

        GateAssert.Rejects(report, "Snippet.User.Run", GateRules.MissingTypeCode, "type System.Text.StringBuilder does not exist in nanoFramework mscorlib");
        GateAssert.Rejects(report, "Snippet.User.Run", GateRules.MissingMemberCode, "member System.Console::Beep : static void(int) does not exist in nanoFramework mscorlib");
        GateAssert.Rejects(report, "Snippet.User.Run", GateRules.MissingMemberCode, "member System.Console::WriteLine : static void(string, string) does not exist");
    }
}
