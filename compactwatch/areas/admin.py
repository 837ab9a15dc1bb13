from django.contrib import admin

from compactwatch.areas.models import Area, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("m49", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "m49")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("iso3", "name", "m49", "region", "subregion", "independent")
    list_filter = ("region", "independent", "income_level")
    search_fields = ("iso3", "iso2", "m49", "name")
    filter_horizontal = ("groupings",)
