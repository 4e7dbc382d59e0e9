using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Rapport.Data.Model;

/// <summary>
/// The one place where the model learns which columns hold personal data: every property marked
/// [PersonalData] or [ProtectedPersonalData] in the domain gets an annotation that the audit hook
/// (masking), exports and field encryption read. Nothing else decides what is personal.
/// </summary>
public static class PersonalDataConvention
{
    public const string Annotation = "Rapport:PersonalData";
    public const string ProtectedAnnotation = "Rapport:ProtectedPersonalData";

    internal static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
        {
            var member = (MemberInfo?)property.PropertyInfo ?? property.FieldInfo;
            if (member is null) continue;
            var isProtected = member.GetCustomAttribute<ProtectedPersonalDataAttribute>() is not null;
            if (isProtected || member.GetCustomAttribute<PersonalDataAttribute>() is not null)
            {
                property.SetAnnotation(Annotation, true);
                if (isProtected) property.SetAnnotation(ProtectedAnnotation, true);
            }
        }
    }

    public static bool IsPersonal(this IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value is true;

    public static bool IsProtected(this IReadOnlyProperty property) => property.FindAnnotation(ProtectedAnnotation)?.Value is true;
}
