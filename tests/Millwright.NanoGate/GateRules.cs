namespace Millwright.NanoGate;

/// <summary>
/// The rules and their messages. Sources: shared/design/NANO.md; nanoframework/nf-interpreter
/// src/CLR/Core/Interpreter.cpp (opcodes it answers with CLR_E_UNSUPPORTED_INSTRUCTION) and TypeSystem.cpp
/// (interface dispatch searches class methods only); nanoframework/metadata-processor
/// (nanoTypeSpecificationsTable: no multidimensional arrays; nanoSignaturesTable: no pointer or modifier
/// encodings; nanoTypeDefinitionTable/nanoMethodDefinitionTable: one-byte counts; nanoByteCodeTable and
/// nanoStringTable: 64 KB tables).
/// </summary>
public static class GateRules
{
    public const string GenericsCode = "NG001";
    public const string AssemblyReferenceCode = "NG002";
    public const string MissingTypeCode = "NG003";
    public const string MissingMemberCode = "NG004";
    public const string MultidimensionalArrayCode = "NG005";
    public const string UnsafeCode = "NG006";
    public const string UnsupportedInstructionCode = "NG007";
    public const string LimitCode = "NG008";
    public const string DefaultInterfaceMethodCode = "NG009";
    public const string NativeMethodCode = "NG010";
    public const string SignatureCode = "NG011";

    private const string NoGenerics = "(nanoFramework v1 cannot run generics)";

    public static GateViolation GenericTypeDefinition(string subject) =>
        new(subject, GenericsCode, $"generic type definition {NoGenerics}");

    public static GateViolation GenericMethodDefinition(string subject) =>
        new(subject, GenericsCode, $"generic method definition {NoGenerics}");

    public static GateViolation GenericInstantiation(string subject, string instance) =>
        new(subject, GenericsCode, $"generic instantiation {instance} (nanoFramework v1 cannot run generics, generic delegates such as Func<T> and Action<T> included)");

    public static GateViolation GenericMethodInstantiation(string subject, string method) =>
        new(subject, GenericsCode, $"generic method instantiation {method} {NoGenerics}");

    public static GateViolation AssemblyReference(string subject, string reference) =>
        new(subject, AssemblyReferenceCode, $"assembly reference {reference} (only mscorlib and our gated nano assemblies may be referenced)");

    public static GateViolation MscorlibVersion(string subject, Version referenced, Version available) =>
        new(subject, AssemblyReferenceCode, $"references mscorlib {referenced} but the gate checks against mscorlib {available} (build against nanoFramework.CoreLibrary's mscorlib)");

    public static GateViolation NotNanoReference(string subject, string reference) =>
        new(subject, AssemblyReferenceCode, $"allowed reference is not a nano assembly: it references {reference}");

    public static GateViolation MissingType(string subject, string type, string assembly) =>
        new(subject, MissingTypeCode, $"type {type} does not exist in {assembly} (the device has no such type)");

    public static GateViolation NonPublicType(string subject, string type, string assembly) =>
        new(subject, MissingTypeCode, $"type {type} is not public in {assembly}");

    public static GateViolation MissingMember(string subject, string member, string assembly) =>
        new(subject, MissingMemberCode, $"member {member} does not exist in {assembly} (no member with that name and signature)");

    public static GateViolation MultidimensionalArray(string subject, string type) =>
        new(subject, MultidimensionalArrayCode, $"multidimensional array {type} (nanoFramework has no multidimensional arrays)");

    public static GateViolation PointerType(string subject, string type) =>
        new(subject, UnsafeCode, $"pointer type {type} (nanoFramework v1 cannot run unsafe code)");

    public static GateViolation FunctionPointer(string subject, string type) =>
        new(subject, UnsafeCode, $"function pointer {type} (nanoFramework v1 cannot run unsafe code)");

    public static GateViolation Pinned(string subject, string type) =>
        new(subject, UnsafeCode, $"pinned local {type}, a fixed statement (nanoFramework v1 cannot run unsafe code)");

    public static GateViolation Stackalloc(string subject) =>
        new(subject, UnsupportedInstructionCode, "stackalloc (IL localloc, which nanoCLR does not implement)");

    public static GateViolation UnsupportedInstruction(string subject, string opcode) =>
        new(subject, UnsupportedInstructionCode, $"IL instruction {opcode} (nanoCLR does not implement it)");

    public static GateViolation TypedReference(string subject) =>
        new(subject, SignatureCode, "TypedReference (__makeref/__arglist; nanoCLR does not implement it)");

    public static GateViolation VarArgs(string subject, string method) =>
        new(subject, SignatureCode, $"variable-argument (__arglist) method {method} (nanoCLR does not implement it)");

    public static GateViolation CustomModifier(string subject, string modifier) =>
        new(subject, SignatureCode, $"custom modifier {modifier} in a signature, e.g. from an in parameter of a virtual method (the MetadataProcessor cannot encode it)");

    public static GateViolation NonVectorArray(string subject, string type) =>
        new(subject, MultidimensionalArrayCode, $"array with bounds {type} (nanoFramework has only zero-based one-dimensional arrays)");

    public static GateViolation TooMany(string subject, string what, int count) =>
        new(subject, LimitCode, $"{count} {what} (the nanoFramework MetadataProcessor stores at most 255)");

    public static GateViolation TableOverflow(string subject, string table, int estimate) =>
        new(subject, LimitCode, $"{table} of about {estimate} bytes (the nanoFramework MetadataProcessor allows at most 65535 per assembly)");

    public static GateViolation DefaultInterfaceMethod(string subject) =>
        new(subject, DefaultInterfaceMethodCode, "default interface method (nanoCLR dispatches interface calls to class methods only)");

    public static GateViolation PInvoke(string subject) =>
        new(subject, NativeMethodCode, "P/Invoke (DllImport) method (nanoFramework has no P/Invoke)");

    public static GateViolation ExternMethod(string subject) =>
        new(subject, NativeMethodCode, "extern method without IL (it needs a native implementation inside the nanoFramework firmware)");
}
