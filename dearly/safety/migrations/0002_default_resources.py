from django.db import migrations

RESOURCES = [
    # country, need, name, how_to_reach, phone, sms, sms_body, description, order
    ("US", "suicide_self_harm", "988 Suicide & Crisis Lifeline", "Call or text 988, any time", "988", "988", "",
     "For thoughts of suicide, self-harm, or any emotional crisis.", 1),
    ("US", "any", "Crisis Text Line", "Text HOME to 741741", "", "741741", "HOME",
     "A trained crisis counselor by text, any time.", 2),
    ("US", "abuse_at_home", "National Domestic Violence Hotline", "Call 1-800-799-7233 or text START to 88788",
     "18007997233", "88788", "START", "If a partner hurts, threatens, controls or frightens you.", 3),
    ("US", "child_at_risk", "Childhelp National Child Abuse Hotline", "Call or text 1-800-422-4453",
     "18004224453", "18004224453", "", "If a child is being hurt or is not safe.", 4),
    ("US", "harm_to_others", "988 Suicide & Crisis Lifeline", "Call or text 988 if you fear you may hurt someone",
     "988", "988", "", "Counselors also help when anger feels out of control.", 5),
    ("GB", "suicide_self_harm", "Samaritans", "Call 116 123, free, any time", "116123", "", "",
     "For anyone struggling to cope.", 1),
    ("GB", "any", "Shout", "Text SHOUT to 85258", "", "85258", "SHOUT", "Free, confidential text support.", 2),
    ("GB", "abuse_at_home", "National Domestic Abuse Helpline (Refuge)", "Call 0808 2000 247, any time",
     "08082000247", "", "", "If a partner hurts, threatens or controls you.", 3),
    ("GB", "child_at_risk", "NSPCC Helpline", "Call 0808 800 5000", "08088005000", "", "",
     "If you are worried about a child.", 4),
    ("CA", "suicide_self_harm", "9-8-8 Suicide Crisis Helpline", "Call or text 988, any time", "988", "988", "",
     "For thoughts of suicide or any emotional crisis.", 1),
    ("CA", "child_at_risk", "Kids Help Phone", "Call 1-800-668-6868 or text CONNECT to 686868",
     "18006686868", "686868", "CONNECT", "For young people, any time.", 2),
]


def add(apps, schema_editor):
    CrisisResource = apps.get_model("safety", "CrisisResource")
    for country, need, name, how, phone, sms, body, description, order in RESOURCES:
        CrisisResource.objects.get_or_create(
            country=country, need=need, name=name,
            defaults=dict(how_to_reach=how, phone=phone, sms=sms, sms_body=body, description=description, order=order),
        )


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
