package io.stratus.common.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every declaration is one the API, the OpenAPI document and the console can read: id first, names
 * unique, references pointing at declared kinds (or at users and groups, which are identity, not
 * declared kinds), filters and sorts over real fields.
 */
class ResourceKindsTest {
  private static final Set<String> UNDECLARED_LINKS = Set.of("User", "Group");

  @Test
  void shouldServeEachKindAtItsOwnPathAndCollection() {
    Set<String> paths = new HashSet<>();
    Set<String> collections = new HashSet<>();
    for (ResourceKind kind : ResourceKinds.API) {
      assertTrue(paths.add(kind.path()), "served twice: " + kind.path());
      assertTrue(collections.add(kind.collection()), "collection twice: " + kind.collection());
      assertTrue(kind.name().matches("[A-Z][A-Za-z]+"), kind.name());
      assertTrue(kind.family().matches("[a-z]+"), kind.family());
      assertEquals(kind, ResourceKinds.served(kind.family(), kind.name()).orElseThrow());
    }
    assertTrue(ResourceKinds.API.containsAll(ResourceKinds.ALL));
  }

  @Test
  void shouldDeclareTheIdFirstAndEachFieldOnce() {
    for (ResourceKind kind : ResourceKinds.API) {
      assertEquals(FieldType.ID, kind.fields().get(0).type(), kind.name());
      assertEquals(DetailLevel.NONE, kind.id().level(), kind.name());
      assertEquals(kind.alias() + ".id", kind.idSql(), kind.name());
      Set<String> names = new HashSet<>();
      for (Field f : kind.fields()) {
        assertTrue(names.add(f.json()), kind.name() + ": " + f.json() + " twice");
        assertNotNull(f.sql(), kind.name() + "." + f.json());
        assertTrue(
            f.type() != FieldType.ID || f == kind.id(), kind.name() + ": a second id " + f.json());
        assertTrue(
            f.parts().isEmpty() || f.type() == FieldType.REF,
            kind.name() + "." + f.json() + ": parts on a field that is not a reference");
      }
    }
  }

  @Test
  void shouldLinkOnlyToDeclaredKindsOrToUsersAndGroups() {
    for (ResourceKind kind : ResourceKinds.API) {
      for (Field f : kind.fields()) {
        boolean reference = f.type() == FieldType.REF || f.type() == FieldType.REF_LIST;
        assertEquals(reference, f.refId() != null, kind.name() + "." + f.json());
        if (f.link() != null) {
          assertTrue(reference, kind.name() + "." + f.json() + " links but is no reference");
          assertTrue(
              UNDECLARED_LINKS.contains(f.link())
                  || ResourceKinds.API.stream().anyMatch(k -> k.name().equals(f.link())),
              kind.name() + "." + f.json() + " links to undeclared " + f.link());
        }
        if (f.named()) {
          assertNotNull(f.nameSql(), kind.name() + "." + f.json());
        }
      }
    }
  }

  @Test
  void shouldFilterAndSortOnRealFieldsUnderUniqueNames() {
    for (ResourceKind kind : ResourceKinds.API) {
      Set<String> params = new HashSet<>();
      for (Filter filter : kind.filters()) {
        assertTrue(
            params.add(filter.param()), kind.name() + ": filter " + filter.param() + " twice");
        assertFalse(
            filter.param().equals("requestPage") || filter.param().equals("requestPaginationId"),
            kind.name() + ": a filter named as a paging parameter");
        assertTrue(
            kind.fields().stream().anyMatch(f -> f.sql().equals(filter.sql())),
            kind.name() + ": filter " + filter.param() + " reads no field (" + filter.sql() + ")");
        assertEquals(
            filter.type() == Filter.Type.ID,
            filter.param().endsWith("Id"),
            kind.name() + ": " + filter.param() + " and its type disagree");
      }
      Set<String> keys = new HashSet<>();
      for (SortKey sort : kind.sorts()) {
        assertTrue(keys.add(sort.key()), kind.name() + ": sort key " + sort.key() + " twice");
        assertTrue(
            kind.fields().stream().anyMatch(f -> f.sql().equals(sort.sql())),
            kind.name() + ": sort " + sort.key() + " reads no field");
      }
    }
  }

  @Test
  void shouldBuildItsSqlAtEveryLevel() {
    for (ResourceKind kind : ResourceKinds.API) {
      assertTrue(
          kind.ownerAlias().equals(kind.alias())
              || kind.joins().stream().anyMatch(j -> j.contains(" " + kind.ownerAlias() + " ")),
          kind.name() + ": owner columns on an alias no join names");
      for (DetailLevel level : DetailLevel.values()) {
        KindSql.Select select = KindSql.select(kind, level, KindSql.Names.API, true);
        assertEquals(kind.fieldsAt(level).size(), select.positions().length, kind.name());
        assertTrue(select.from().startsWith(" FROM " + kind.table() + " " + kind.alias()));
        assertEquals(KindSql.owned(kind), select.ownerUser() > 0, kind.name());
      }
      assertEquals(1, kind.fieldsAt(DetailLevel.NONE).size(), kind.name() + ": none is the id");
    }
  }
}
