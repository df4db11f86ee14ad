using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Millwright.NanoGate;

/// <summary>
/// What is wrong with each type, member and instantiation the gated assembly refers to (TypeRef, TypeSpec,
/// MemberRef, MethodSpec rows), computed once per row. Problems wait for a subject: the member that uses them.
/// </summary>
internal sealed class ReferenceChecker
{
    private static readonly IReadOnlyList<Func<string, GateViolation>> None = Array.Empty<Func<string, GateViolation>>();

    private readonly MetadataReader _module;
    private readonly ApiSurface _surface;
    private readonly Dictionary<EntityHandle, IReadOnlyList<Func<string, GateViolation>>> _problems = new();

    public ReferenceChecker(MetadataReader module, ApiSurface surface)
    {
        _module = module;
        _surface = surface;
    }

    /// <summary>Rows whose problems have been handed to some subject.</summary>
    public HashSet<EntityHandle> Used { get; } = new();

    public SignatureText NewSignatureText() => new(TypeReferenceProblems);

    public IReadOnlyList<Func<string, GateViolation>> ProblemsOf(EntityHandle handle)
    {
        Used.Add(handle);
        if (_problems.TryGetValue(handle, out var cached))
        {
            return cached;
        }

        // A recursive use (a spec that mentions itself) sees no problems rather than looping.
        _problems[handle] = None;
        var problems = handle.Kind switch
        {
            HandleKind.TypeReference => TypeProblems((TypeReferenceHandle)handle),
            HandleKind.TypeSpecification => TypeSpecificationProblems((TypeSpecificationHandle)handle),
            HandleKind.MemberReference => MemberProblems((MemberReferenceHandle)handle),
            HandleKind.MethodSpecification => MethodSpecificationProblems((MethodSpecificationHandle)handle),
            _ => None,
        };
        _problems[handle] = problems;
        return problems;
    }

    public string Describe(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => MetadataNames.Of(_module, (TypeReferenceHandle)handle),
        HandleKind.TypeDefinition => MetadataNames.Of(_module, (TypeDefinitionHandle)handle),
        HandleKind.MethodDefinition => MetadataNames.Of(_module, (MethodDefinitionHandle)handle),
        HandleKind.MemberReference => DescribeMember((MemberReferenceHandle)handle),
        HandleKind.TypeSpecification => _module.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(new SignatureText(), null),
        _ => $"token 0x{MetadataTokens.GetToken(handle):x8}",
    };

    private IEnumerable<Func<string, GateViolation>> TypeReferenceProblems(MetadataReader reader, TypeReferenceHandle handle) =>
        reader == _module ? ProblemsOf(handle) : None;

    private IReadOnlyList<Func<string, GateViolation>> TypeProblems(TypeReferenceHandle handle)
    {
        var scope = MetadataNames.ScopeAssembly(_module, handle);
        if (scope is null)
        {
            return None;
        }

        var assemblyName = _module.GetString(_module.GetAssemblyReference(scope.Value).Name);
        var assembly = _surface.Find(assemblyName);
        if (assembly is null)
        {
            // Reported once, as a forbidden assembly reference.
            return None;
        }

        var name = MetadataNames.Of(_module, handle);
        var type = assembly.FindType(name);
        if (type is null)
        {
            return [subject => GateRules.MissingType(subject, name, Label(assembly))];
        }

        return assembly.IsPublic(type.Value) ? None : [subject => GateRules.NonPublicType(subject, name, Label(assembly))];
    }

    private List<Func<string, GateViolation>> TypeSpecificationProblems(TypeSpecificationHandle handle)
    {
        var text = NewSignatureText();
        _module.GetTypeSpecification(handle).DecodeSignature(text, null);
        return text.Findings;
    }

    private List<Func<string, GateViolation>> MemberProblems(MemberReferenceHandle handle)
    {
        var member = _module.GetMemberReference(handle);
        var problems = new List<Func<string, GateViolation>>();
        if (member.Parent.Kind == HandleKind.MethodDefinition)
        {
            // A call site signature of a vararg method defined here.
            var method = MetadataNames.Of(_module, (MethodDefinitionHandle)member.Parent);
            problems.Add(subject => GateRules.VarArgs(subject, method));
            return problems;
        }

        if (member.Parent.Kind is HandleKind.TypeReference or HandleKind.TypeSpecification)
        {
            problems.AddRange(ProblemsOf(member.Parent));
        }

        var text = NewSignatureText();
        var isField = member.GetKind() == MemberReferenceKind.Field;
        string signature;
        if (isField)
        {
            signature = member.DecodeFieldSignature(text, null);
        }
        else
        {
            var methodSignature = member.DecodeMethodSignature(text, null);
            signature = SignatureText.MethodSignature(methodSignature);
            if (methodSignature.Header.CallingConvention == SignatureCallingConvention.VarArgs)
            {
                var description = DescribeMember(handle);
                problems.Add(subject => GateRules.VarArgs(subject, description));
            }
        }

        problems.AddRange(text.Findings);
        if (problems.Count == 0 && member.Parent.Kind == HandleKind.TypeReference
            && _surface.Resolve(_module, (TypeReferenceHandle)member.Parent) is { } owner
            && !_surface.HasMember(owner.Assembly, owner.Type, _module.GetString(member.Name), isField, signature))
        {
            var description = $"{MetadataNames.Of(_module, (TypeReferenceHandle)member.Parent)}::{_module.GetString(member.Name)} : {signature}";
            problems.Add(subject => GateRules.MissingMember(subject, description, Label(owner.Assembly)));
        }

        return problems;
    }

    private List<Func<string, GateViolation>> MethodSpecificationProblems(MethodSpecificationHandle handle)
    {
        var specification = _module.GetMethodSpecification(handle);
        var text = NewSignatureText();
        var arguments = specification.DecodeSignature(text, null);
        var description = $"{Describe(specification.Method)}<{string.Join(", ", arguments)}>";
        var problems = new List<Func<string, GateViolation>> { subject => GateRules.GenericMethodInstantiation(subject, description) };
        problems.AddRange(text.Findings);
        problems.AddRange(ProblemsOf(specification.Method));
        return problems;
    }

    private string DescribeMember(MemberReferenceHandle handle)
    {
        var member = _module.GetMemberReference(handle);
        return Describe(member.Parent) + "::" + _module.GetString(member.Name);
    }

    private static string Label(LoadedAssembly assembly) =>
        assembly.Name == ApiSurface.MscorlibName ? $"nanoFramework mscorlib {assembly.Version}" : $"{assembly.Name} {assembly.Version}";
}
